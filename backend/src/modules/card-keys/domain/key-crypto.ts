import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * How card codes rest in the database: never in plain text.
 * - `lookup`: HMAC-SHA256 under a key derived from DATA_SECRET_KEY — a table dump without the key
 *   cannot be brute-forced offline even though codes have "only" 80 bits.
 * - `seal`/`open`: AES-256-GCM (fresh 96-bit IV per code, the key's batch and position bound as
 *   additional data) so the owner can export the batch again. Layout: iv(12) | tag(16) | ct(16).
 */
export class CardKeyCrypto {
  private readonly macKey: Buffer;
  private readonly encKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new RangeError('the data secret key is too short');
    this.macKey = Buffer.from(hkdfSync('sha256', secret, 'zhice', 'zhice:card-keys:lookup', 32));
    this.encKey = Buffer.from(hkdfSync('sha256', secret, 'zhice', 'zhice:card-keys:seal', 32));
  }

  lookup(canonical: string): Buffer {
    return createHmac('sha256', this.macKey).update(canonical, 'ascii').digest();
  }

  seal(canonical: string, batchId: string, seq: number): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    c.setAAD(Buffer.from(`${batchId}:${seq}`, 'ascii'));
    const ct = Buffer.concat([c.update(canonical, 'ascii'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), ct]);
  }

  open(sealed: Buffer, batchId: string, seq: number): string {
    const d = createDecipheriv('aes-256-gcm', this.encKey, sealed.subarray(0, 12));
    d.setAAD(Buffer.from(`${batchId}:${seq}`, 'ascii'));
    d.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('ascii');
  }
}
