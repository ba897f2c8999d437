import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthLinkPurpose } from './entities/auth-link.entity.js';

/**
 * E-mail link tokens: `<payload>.<hmac>` where payload = base64url(JSON {id, p, exp}).
 * The signature makes them unforgeable; the `auth_links` row (by id) makes them single-use.
 */
export interface LinkPayload {
  id: string;
  p: AuthLinkPurpose;
  exp: number; // unix seconds
}

export function signLink(payload: LinkPayload, key: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

/** Returns the payload when the signature is right, else null. Expiry is the caller's check. */
export function readLink(token: string, key: string): LinkPayload | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.split('.').length !== 2) return null;
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkPayload;
    if (typeof p.id !== 'string' || typeof p.exp !== 'number' || (p.p !== 'verify_email' && p.p !== 'reset_password')) return null;
    return p;
  } catch {
    return null;
  }
}

function mac(body: string, key: string) {
  return createHmac('sha256', `link:${key}`).update(body).digest('base64url');
}
