// Shared TypeScript for both SPAs (Vue components are imported by path: '@zhice/frontend-common/components/…').
export * from './api/errors';
export * from './api/http';
export * from './api/session-hooks';
export * from './auth/lockedUntil';
export * from './composables/useAsync';
export * from './locales';
export * from './session/tokenStorage';
export * from './utils/format';
export * from './auth/loginForm';
