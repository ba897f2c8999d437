import { Injectable } from '@nestjs/common';
import type { LatestSignalDto } from '@zhice/shared';
import { LatestSignalReader } from '../../allocation/latest-signal.reader.js';
import { SignalReadService } from './signal-read.service.js';

/** `latestSignal` in GET /me/stocks: the member's strategy's latest published signal per stock. */
@Injectable()
export class SignalsLatestReader extends LatestSignalReader {
  constructor(private readonly reads: SignalReadService) {
    super();
  }

  forMember(tsCodes: readonly string[], vipLevel: number): Promise<ReadonlyMap<string, LatestSignalDto>> {
    return this.reads.latestFor(tsCodes, vipLevel);
  }
}
