/** The queued half of `POST /auth/password/forgot` (see AuthMailProcessor). */
export const FORGOT_PASSWORD_JOB = 'auth.forgot-password';
export interface ForgotPasswordJob {
  email: string;
}
