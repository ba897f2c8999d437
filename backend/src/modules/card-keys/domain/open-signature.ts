import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The verify API's request signature (api.md, fixed):
 *   X-Signature = hex HMAC-SHA256(apiSecret, `${METHOD}\n${path}\n${timestamp}\n${nonce}\n${hex sha256(raw body)}`)
 * with X-Timestamp in unix seconds (±300 s) and X-Nonce unique per project for 10 minutes.
 * The same scheme signs our activation callbacks to the project (with the callback URL's path).
 */
export const SIGNATURE_WINDOW_SEC = 300;
export const NONCE_TTL_SEC = 600;

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function canonicalString(method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${sha256Hex(body)}`;
}

export function sign(secret: string, method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(canonicalString(method, path, timestamp, nonce, body)).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'MISSING_HEADERS' | 'BAD_TIMESTAMP' | 'STALE_TIMESTAMP' | 'BAD_NONCE' | 'BAD_SIGNATURE' };

/** Everything but the nonce's uniqueness (a database insert decides that). Constant-time compare. */
export function checkSignature(
  secret: string,
  req: { method: string; path: string; timestamp?: string; nonce?: string; signature?: string; body: Buffer | string },
  nowSec: number,
): SignatureCheck {
  const { timestamp, nonce, signature } = req;
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'MISSING_HEADERS' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'BAD_TIMESTAMP' };
  if (Math.abs(nowSec - Number(timestamp)) > SIGNATURE_WINDOW_SEC) return { ok: false, reason: 'STALE_TIMESTAMP' };
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(nonce)) return { ok: false, reason: 'BAD_NONCE' };
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return { ok: false, reason: 'BAD_SIGNATURE' };
  const expected = Buffer.from(sign(secret, req.method, req.path, timestamp, nonce, req.body), 'hex');
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'BAD_SIGNATURE' };
}
