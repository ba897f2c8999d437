import { inject, type InjectionKey } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError, ClientErrorCode, toApiError } from '../api/errors';
import { translator, type Translate } from '../locales';

/** The toast call shared code makes; Element Plus' `ElMessage` fits it. */
export type Toast = (options: {
  type: 'success' | 'warning' | 'info' | 'error';
  message: string;
  grouping?: boolean;
  showClose?: boolean;
  onClose?: () => void;
}) => unknown;

/**
 * Builds an app's toasts from its translate function and toast call.
 * `t` must know `errors.network`, `errors.timeout` and `errors.unknown`.
 */
export function createNotify(t: Translate, toast: Toast) {
  /** The text to show for a failure: the server's (already localised) message, or ours for network trouble. */
  function describeError(error: unknown): string {
    const err = error instanceof ApiError ? error : toApiError(error);
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
  function showError(error: unknown): void {
    const err = toApiError(error);
    if (err.code === ClientErrorCode.CANCELED) return;
    toast({ type: 'error', message: describeError(err), grouping: true, showClose: true });
  }

  function showSuccess(message: string): void {
    toast({ type: 'success', message, grouping: true });
  }

  return { describeError, showError, showSuccess };
}

/** The app's toast, provided by startSpa for shared components (see useNotify). */
export const TOAST_KEY: InjectionKey<Toast> = Symbol('zhice.toast');

/** In a shared component's setup: the app's toast, and its error / success toasts in the UI language. */
export function useNotify() {
  const toast = inject(TOAST_KEY, null);
  if (!toast) throw new Error('useNotify: no toast provided (apps provide it through startSpa)');
  return { toast, ...createNotify(translator(useI18n()), toast) };
}

/**
 * The toast both apps give startSpa (session-expired warnings, shared components): Element Plus'
 * `ElMessage`, loaded on the first toast instead of with the entry chunk — most visits show none
 * before a page (whose chunks bring it along) has loaded, and it kept ~20 KB of Element Plus in
 * the boot file.
 */
export const lazyToast: Toast = (options) => {
  void import('./elToast').then(({ ElMessage }) => ElMessage(options));
};
