import type { SaveImpact } from './useVipLevels';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * The confirmation shown before a save that acts on every member of a level (a new stock quota
 * re-allocates their stocks, a new strategy recomputes their signals): a title and one paragraph
 * per effect, then the number of members affected.
 */
export function impactNotice(impact: SaveImpact, t: Translate): { title: string; paragraphs: string[] } {
  const quota = (q: number | null): string => (q === null ? t('common.unlimited') : String(q));
  const paragraphs: string[] = [];
  if (impact.quota) paragraphs.push(t('vipLevels.confirm.quota', { from: quota(impact.quota.from), to: quota(impact.quota.to) }));
  if (impact.strategy) paragraphs.push(t('vipLevels.confirm.strategy', { from: impact.strategy.from, to: impact.strategy.to }));
  if (impact.members === null) paragraphs.push(t('vipLevels.confirm.membersUnknown'));
  else if (impact.members === 0) paragraphs.push(t('vipLevels.confirm.membersNone'));
  else paragraphs.push(t('vipLevels.confirm.members', { count: impact.members }));
  return { title: t('vipLevels.confirm.title', { name: impact.name }), paragraphs };
}
