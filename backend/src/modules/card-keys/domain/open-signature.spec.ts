import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalString, checkSignature, sign } from './open-signature.js';

describe('open API signature', () => {
  const secret = 's3cret-s3cret-s3cret';
  const body = '{"code":"ABCD-EFGH-JKMN-PQRS","deviceId":"dev-1"}';
  const path = '/api/v1/open/card-keys/verify';
  const now = 1_800_000_000;

  it('is exactly the api.md string', () => {
    const bodyHash = createHash('sha256').update(body).digest('hex');
    expect(canonicalString('post', path, String(now), 'nonce-123', body)).toBe(`POST\n${path}\n${now}\nnonce-123\n${bodyHash}`);
    const manual = createHmac('sha256', secret).update(`POST\n${path}\n${now}\nnonce-123\n${bodyHash}`).digest('hex');
    expect(sign(secret, 'POST', path, String(now), 'nonce-123', body)).toBe(manual);
  });

  const good = () => ({ method: 'POST', path, timestamp: String(now), nonce: 'nonce-123', signature: sign(secret, 'POST', path, String(now), 'nonce-123', body), body });

  it('accepts a good signature and refuses tampering, a wrong secret and stale or future times', () => {
    expect(checkSignature(secret, good(), now)).toEqual({ ok: true });
    expect(checkSignature(secret, { ...good(), body: body.replace('dev-1', 'dev-2') }, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(checkSignature('other-secret', good(), now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(checkSignature(secret, good(), now + 301)).toEqual({ ok: false, reason: 'STALE_TIMESTAMP' });
    expect(checkSignature(secret, good(), now - 301)).toEqual({ ok: false, reason: 'STALE_TIMESTAMP' });
    expect(checkSignature(secret, good(), now + 300)).toEqual({ ok: true });
    expect(checkSignature(secret, { ...good(), signature: undefined }, now)).toEqual({ ok: false, reason: 'MISSING_HEADERS' });
    expect(checkSignature(secret, { ...good(), signature: 'zz' }, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });
});
