import sharedZhCN from './zh-CN';
import type { Translate } from './index';

/**
 * Texts the server keeps in one language, shown in the UI language when they are still the
 * product's defaults: a VIP level's seeded description (Chinese) and a strategy's description
 * (English, by strategy id). Anything an admin wrote stays as written.
 */
export function levelDescription(level: number, description: string, t: Translate): string {
  const key = `desc${level}` as keyof typeof sharedZhCN.vip;
  return description && description === sharedZhCN.vip[key] ? t(`vip.${key}`) : description;
}

export function strategyDescription(strategyId: string, description: string, t: Translate): string {
  return strategyId in sharedZhCN.strategies ? t(`strategies.${strategyId}`) : description;
}
