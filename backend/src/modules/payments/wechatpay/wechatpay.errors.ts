/**
 * What can go wrong talking to WeChat Pay, typed so the service decides without parsing strings.
 * `code` is WeChat's error code normalised (case-insensitive, underscores stripped: ORDERPAID and
 * ORDER_PAID are one code, §3.10); `kind` groups what the caller does about it.
 */
export type WechatPayErrorKind =
  | 'ORDER_PAID'
  | 'ORDER_NOT_EXIST'
  | 'ORDER_CLOSED'
  | 'SIGN_ERROR'
  | 'NOT_ENOUGH'
  | 'RATE_LIMITED'
  | 'RESOURCE_NOT_EXISTS'
  | 'INVALID_REQUEST'
  | 'SYSTEM_ERROR'
  /** The answer could not be trusted: bad/missing signature, probe, stale timestamp, unknown serial. */
  | 'RESPONSE_UNVERIFIED'
  | 'NETWORK'
  | 'OTHER';

export class WechatPayError extends Error {
  constructor(
    readonly kind: WechatPayErrorKind,
    message: string,
    readonly httpStatus: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'WechatPayError';
  }

  /** Worth retrying later with the same parameters (same out_trade_no / out_refund_no). */
  get transient(): boolean {
    return ['NETWORK', 'RATE_LIMITED', 'SYSTEM_ERROR', 'RESPONSE_UNVERIFIED'].includes(this.kind);
  }
}

const KINDS: Record<string, WechatPayErrorKind> = {
  ORDERPAID: 'ORDER_PAID',
  ORDERNOTEXIST: 'ORDER_NOT_EXIST',
  ORDERCLOSED: 'ORDER_CLOSED',
  SIGNERROR: 'SIGN_ERROR',
  NOTENOUGH: 'NOT_ENOUGH',
  FREQUENCYLIMITED: 'RATE_LIMITED',
  RESOURCENOTEXISTS: 'RESOURCE_NOT_EXISTS',
  INVALIDREQUEST: 'INVALID_REQUEST',
  PARAMERROR: 'INVALID_REQUEST',
  SYSTEMERROR: 'SYSTEM_ERROR',
  BANKERROR: 'SYSTEM_ERROR',
};

export function errorFromEnvelope(status: number, body: string): WechatPayError {
  let code: string | null = null;
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof parsed.code === 'string') code = parsed.code;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    /* not JSON: keep the status */
  }
  const norm = (code ?? '').toUpperCase().replace(/_/g, '');
  let kind: WechatPayErrorKind = KINDS[norm] ?? 'OTHER';
  if (kind === 'OTHER' && status === 429) kind = 'RATE_LIMITED';
  if (kind === 'OTHER' && status >= 500) kind = 'SYSTEM_ERROR';
  return new WechatPayError(kind, `${code ?? 'HTTP_' + status}: ${message}`, status, code);
}
