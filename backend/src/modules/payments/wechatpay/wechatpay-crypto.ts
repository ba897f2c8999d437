import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

/**
 * WeChat Pay API v3 cryptography over node:crypto (protocol notes: shared/protocols/wechatpay-v3.md
 * §3.2, §3.3, §3.9). Used by the client, the notify handler and the fake server alike, so both sides
 * of every test speak the same bytes — and the fake checks them independently of our client.
 */
export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** Responses and callbacks older or newer than this are refused (the official SDKs' FiveMinute). */
export const MAX_CLOCK_SKEW_SEC = 300;
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export function nonceStr(length = 32): string {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += NONCE_ALPHABET[b % NONCE_ALPHABET.length];
  return s;
}

/** `METHOD\nURL\nTS\nNONCE\nBODY\n` — GET's empty body still ends with its own line feed. */
export function requestMessage(method: string, canonicalUrl: string, timestamp: string | number, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${canonicalUrl}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** `TS\nNONCE\nBODY\n` — responses (204 included, empty body) and callbacks. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** SHA256withRSA, PKCS#1 v1.5 (node's default padding for RSA keys), base64. */
export function rsaSign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** False (never throws) for probes (`WECHATPAY/SIGNTEST/…`), junk base64 and wrong keys. */
export function rsaVerify(message: string, signature: string, publicKey: KeyObject): boolean {
  if (!signature || signature.startsWith(SIGNTEST_PREFIX)) return false;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

export function authorizationHeader(p: { mchid: string; serialNo: string; timestamp: string; nonce: string; signature: string }): string {
  return `${AUTH_SCHEME} mchid="${p.mchid}",nonce_str="${p.nonce}",timestamp="${p.timestamp}",serial_no="${p.serialNo}",signature="${p.signature}"`;
}

/** Order-independent `k="v"` pairs after the scheme; null when the scheme is not ours. */
export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== AUTH_SCHEME) return null;
  const out: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/**
 * AEAD_AES_256_GCM with the APIv3 key (32 ASCII bytes). `final()` checks the tag, so a wrong key,
 * nonce or associated data throws instead of yielding garbage.
 */
export function aesGcmDecrypt(apiV3Key: string, nonce: string, associatedData: string, ciphertextB64: string): string {
  const data = Buffer.from(ciphertextB64, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

export function aesGcmEncrypt(apiV3Key: string, nonce: string, associatedData: string, plaintext: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const enc = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([enc, cipher.getAuthTag()]).toString('base64');
}

/** RFC 3339 in +08:00 without milliseconds (the form the troubleshooting guide gives). */
export function rfc3339Shanghai(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  return `${t.toISOString().slice(0, 19)}+08:00`;
}

export interface SignedHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

/** Verifies `TS\nNONCE\nBODY\n` against the key the serial names, inside the time window. */
export type VerifyOutcome = { ok: true } | { ok: false; reason: 'HEADERS_INCOMPLETE' | 'TIMESTAMP_OUT_OF_WINDOW' | 'UNKNOWN_SERIAL' | 'SIGNATURE_INVALID' | 'SIGNTEST_PROBE' };

export function verifySigned(h: Partial<SignedHeaders>, body: string, keys: ReadonlyMap<string, KeyObject>, nowSec: number): VerifyOutcome {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial) return { ok: false, reason: 'HEADERS_INCOMPLETE' };
  const ts = Number(h.timestamp);
  if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(nowSec - ts) >= MAX_CLOCK_SKEW_SEC) return { ok: false, reason: 'TIMESTAMP_OUT_OF_WINDOW' };
  const key = keys.get(h.serial);
  if (!key) return { ok: false, reason: 'UNKNOWN_SERIAL' };
  if (h.signature.startsWith(SIGNTEST_PREFIX)) return { ok: false, reason: 'SIGNTEST_PROBE' };
  return rsaVerify(responseMessage(h.timestamp, h.nonce, body), h.signature, key) ? { ok: true } : { ok: false, reason: 'SIGNATURE_INVALID' };
}
