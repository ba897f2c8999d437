import { i18n } from '@/locales';
import { ApiError, ClientErrorCode, toApiError } from '@/api/errors';

/** The text to show for a failure: the server's (already localised) message, or ours for network trouble. */
export function describeError(error: unknown): string {
  const err = error instanceof ApiError ? error : toApiError(error);
  const t = i18n.global.t;
  switch (err.code) {
    case ClientErrorCode.NETWORK_ERROR:
      return t('errors.network');
    case ClientErrorCode.TIMEOUT:
      return t('errors.timeout');
    default:
      return err.message || t('errors.unknown');
  }
}

/** Shows an error toast; cancelled requests stay silent. */
export function showError(error: unknown): void {
  const err = toApiError(error);
  if (err.code === ClientErrorCode.CANCELED) return;
  ElMessage({ type: 'error', message: describeError(err), grouping: true, showClose: true });
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true });
}
