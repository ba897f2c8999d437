// Shared TypeScript for both SPAs (Vue components are imported by path: '@zhice/frontend-common/components/…').
export * from './api/auth';
export * from './api/errors';
export * from './api/http';
export * from './api/session-hooks';
export * from './app/startSpa';
export * from './auth/lockedUntil';
export * from './auth/loginForm';
export * from './auth/safeRedirect';
export * from './composables/useAsync';
export * from './composables/useFormSubmit';
export * from './locales';
export * from './locales/i18n';
export * from './session/tokenStorage';
export * from './stores/session';
export * from './stores/vipLevels';
export * from './utils/format';
export * from './utils/notify';
