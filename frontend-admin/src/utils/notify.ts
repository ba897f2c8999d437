import { createNotify } from '@zhice/frontend-common/utils/notify';
import { translator } from '@zhice/frontend-common/locales';
import { i18n } from '@/locales';

/** Error / success toasts (shared in frontend-common) in this app's language, through Element Plus. */
export const { describeError, showError, showSuccess } = createNotify(translator(i18n.global), ElMessage);
