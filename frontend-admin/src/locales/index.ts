import { createSpaI18n } from '@zhice/frontend-common/locales/i18n';
import { adminMessages } from './messages';

/** This app's i18n: the shared messages (frontend-common) with its own merged over them. */
export const { i18n, currentLocale } = createSpaI18n(adminMessages);
