// Sign-in, captcha and sign-out are the same for both apps (frontend-common/src/api/auth.ts).
export { getCaptcha, login, logout } from '@zhice/frontend-common/api/auth';
