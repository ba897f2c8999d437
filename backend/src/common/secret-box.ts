import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest, shared by every module that keeps one (data-source tokens and
 * URLs, agents' payout accounts, card-key project secrets). The key is derived from DATA_SECRET_KEY
 * with HKDF-SHA256 and a purpose label (`new SecretBox(config.dataSecretKey, 'ledger-payout-account')`),
 * so each feature derives its own key from the same secret without sharing one. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url), a fresh
 * 96-bit IV per value; the record name is bound as additional data, so a value copied to another row
 * does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    if (secret.length < 16) throw new RangeError('the data secret key is too short');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'zhice', `zhice:${purpose}`, 32));
  }

  seal(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** Throws when the value was tampered with, sealed for another record, or under another key. */
  open(sealed: string, aad: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
