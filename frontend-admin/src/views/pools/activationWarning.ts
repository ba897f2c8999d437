import type { PoolActivationCheckDto } from '@zhice/shared';
import { checkActivation } from '@/api/pools';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The activation confirmation text: the usual question, plus one line per VIP level whose quota the
 * pool cannot fill (from GET …/activation-check; advice only, so a failed check asks without it).
 */
export async function activationConfirmText(t: Translate, pool: { id: string; name: string }, check: (id: string) => Promise<PoolActivationCheckDto> = checkActivation): Promise<string> {
  const question = t('pools.activateConfirm', { name: pool.name });
  try {
    const c = await check(pool.id);
    const lines = c.warnings.map((w) => t('pools.quotaWarning', { name: w.name, quota: w.stockQuota, size: w.poolSize }));
    return lines.length ? `${question}\n\n${lines.join('\n')}` : question;
  } catch {
    return question;
  }
}
