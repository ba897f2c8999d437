import type { SignalRunDto } from '@zhice/shared';

/** Percentage done (0–100) of a run; 100 once done. */
export function runPercent(run: Pick<SignalRunDto, 'status' | 'total' | 'processed'>): number {
  if (run.status === 'done') return 100;
  if (run.total <= 0) return 0;
  return Math.min(100, Math.floor((run.processed / run.total) * 100));
}

export function runStatusType(status: SignalRunDto['status']): 'info' | 'primary' | 'success' | 'danger' {
  return status === 'done' ? 'success' : status === 'failed' ? 'danger' : status === 'running' ? 'primary' : 'info';
}

export function isActive(run: Pick<SignalRunDto, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/** `cho v2, composite v1` */
export function formatVersions(strategies: Record<string, number>): string {
  return Object.entries(strategies)
    .map(([id, v]) => `${id} v${v}`)
    .join(', ');
}
