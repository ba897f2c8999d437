// POST /me/password is the same for both apps (frontend-common/src/auth/changePassword.ts).
export { changePassword } from '@zhice/frontend-common/auth/changePassword';
