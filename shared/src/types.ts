export type Role = 'admin' | 'agent' | 'user';
export const ROLES: readonly Role[] = ['admin', 'agent', 'user'];

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface PageQuery {
  page?: number;
  pageSize?: number;
}

/** `vipLevel` is the effective level (0 once expired); `stockQuota` null means unlimited. */
export interface UserDto {
  id: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  role: Role;
  status: 'active' | 'disabled';
  vipLevel: number;
  vipExpiresAt: string | null;
  stockQuota: number | null;
  createdAt: string;
  /** Someone else chose the password: every route but `POST /me/password` answers 403 until it changes. */
  mustChangePassword: boolean;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  /** The caller's refresh token: that session is kept, every other one ends. */
  refreshToken?: string;
}

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
}
export interface AuthResult extends AuthTokens {
  user: UserDto;
}
export interface LoginRequest {
  username: string;
  password: string;
  captchaId?: string;
  captchaCode?: string;
}
export interface RegisterRequest {
  username: string;
  password: string;
  email?: string;
  /** Acknowledges the "research tool, not investment advice" notice. */
  riskAck: boolean;
}
export interface CaptchaDto {
  captchaId: string;
  svg: string;
}
export interface LoginLogDto {
  id: string;
  at: string;
  userId: string | null;
  username: string;
  ip: string | null;
  userAgent: string | null;
  result: 'success' | 'bad_credentials' | 'locked' | 'captcha_required' | 'captcha_invalid' | 'disabled';
}
export interface OutboxMailDto {
  id: string;
  createdAt: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** Every long job reports this shape (processed / total / failed), readable over the API. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export interface JobProgress {
  id: string;
  kind: string;
  status: JobStatus;
  total: number;
  processed: number;
  failed: number;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  queue: 'up' | 'down';
  queueBackend: 'postgres' | 'redis';
  queues?: Record<string, { waiting: number; active: number; failed: number; delayed: number }>;
}
