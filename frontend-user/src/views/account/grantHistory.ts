import type { VipGrantDto, VipGrantKind, VipGrantSource } from '@zhice/shared';

/** One entry of "my membership history" as shown (card on phones, table row on desktop). */
export interface GrantEntry {
  id: string;
  at: string;
  kind: VipGrantKind;
  source: VipGrantSource;
  levelName: string;
  /** the level before, when it changed (upgrades, or new after free) */
  fromName: string | null;
  months: number;
  expiresAfter: string;
  /** extra days from converting the old level's value on an upgrade, 2 decimals; 0 when none */
  convertedDays: number;
}

export function toGrantEntry(grant: VipGrantDto, levelName: (level: number) => string): GrantEntry {
  return {
    id: grant.id,
    at: grant.createdAt,
    kind: grant.kind,
    source: grant.source,
    levelName: levelName(grant.level),
    fromName: grant.levelBefore !== grant.level ? levelName(grant.levelBefore) : null,
    months: grant.months,
    expiresAfter: grant.expiresAfter,
    convertedDays: Math.floor((grant.convertedSeconds / 86_400) * 100) / 100,
  };
}
