/**
 * Card prices. An admin sets the agents' price per VIP level and term, and per outside project and
 * duration; where none is set the default is a discount of the retail price:
 * - VIP: retail = the level's 3-month price pro rata (months / 3), rounded up to the fen;
 * - project: retail = the project's price per 30 days pro rata (at least 30 days), permanent = 12 × 30 days.
 */
export const DEFAULT_AGENT_DISCOUNT = 0.7;
export const PERMANENT_AS_DAYS = 360;

export function vipRetailFen(level3MonthPriceFen: number, months: number): number {
  return Math.ceil((level3MonthPriceFen * months) / 3);
}

export function projectRetailFen(pricePer30DaysFen: number, durationDays: number): number {
  const days = durationDays === 0 ? PERMANENT_AS_DAYS : Math.max(durationDays, 30);
  return Math.ceil((pricePer30DaysFen * days) / 30);
}

export function defaultAgentPrice(retailFen: number, discount = DEFAULT_AGENT_DISCOUNT): number {
  return Math.round(retailFen * discount);
}

/** count × unit in fen, refusing anything past 2^53 - 1 (no float drift, no silent overflow). */
export function batchCost(count: number, unitFen: number): bigint {
  const cost = BigInt(count) * BigInt(unitFen);
  if (cost > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('cost too large');
  return cost;
}
