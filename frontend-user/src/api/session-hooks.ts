export { sessionHooks } from '@zhice/frontend-common/api/session-hooks';
