import type { LatestSignalDto } from '@zhice/shared';

/**
 * The latest signal a member sees for each of their stocks (`latestSignal` in GET /me/stocks).
 *
 * Extension point for the signals module: provide this class token from a global module, e.g.
 *     @Global() @Module({ providers: [{ provide: LatestSignalReader, useClass: SignalLatestReader }], exports: [LatestSignalReader] })
 * AllocationService injects it as optional and falls back to NullLatestSignalReader (every stock
 * `latestSignal: null`) while no module provides it — nothing here needs to change.
 */
export abstract class LatestSignalReader {
  /**
   * Map tsCode → latest signal a member at effective level `vipLevel` sees (that level's strategy;
   * the caller has the level already, from the quota read); missing = none yet.
   */
  abstract forMember(tsCodes: readonly string[], vipLevel: number): Promise<ReadonlyMap<string, LatestSignalDto>>;
}

export class NullLatestSignalReader extends LatestSignalReader {
  async forMember(): Promise<ReadonlyMap<string, LatestSignalDto>> {
    return new Map();
  }
}
