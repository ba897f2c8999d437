import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

/**
 * How card codes rest in the database: never in plain text.
 * - `lookup`: HMAC-SHA256 under a key derived from DATA_SECRET_KEY — a table dump without the key
 *   cannot be brute-forced offline even though codes have "only" 80 bits.
 * - `sealMany`/`openMany`: AES-256 of the code's 16 ASCII symbols as exactly one block, so the
 *   owner can export the batch again. One block per code under a pseudo-random permutation is
 *   semantically secure here because no two codes are equal (the lookup hash is unique) — it leaks
 *   nothing but "different codes differ". It lets one cipher object handle a whole page of codes:
 *   a GCM object per code cost ~40 µs on the shared CI machine, 4 s per 100,000-key export.
 *   Integrity: a tampered block decrypts to a code whose lookup hash does not match (`openMany`
 *   callers that care check it; the export lists what the owner would redeem anyway).
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

  /** 16-symbol canonical codes → 16-byte sealed blocks (same order). */
  sealMany(codes: string[]): Buffer[] {
    const c = createCipheriv('aes-256-ecb', this.encKey, null).setAutoPadding(false);
    const out = Buffer.concat([c.update(Buffer.from(codes.join(''), 'ascii')), c.final()]);
    return codes.map((_, i) => out.subarray(i * 16, i * 16 + 16));
  }

  openMany(sealed: Buffer[]): string[] {
    return this.openConcat(Buffer.concat(sealed));
  }

  /** Sealed blocks given back to back (16 bytes each) → codes, in order. */
  openConcat(blocks: Buffer): string[] {
    if (blocks.length % 16 !== 0) throw new RangeError('sealed codes are 16-byte blocks');
    const d = createDecipheriv('aes-256-ecb', this.encKey, null).setAutoPadding(false);
    const plain = Buffer.concat([d.update(blocks), d.final()]).toString('ascii');
    const out: string[] = new Array(blocks.length / 16);
    for (let i = 0; i < out.length; i++) out[i] = plain.slice(i * 16, i * 16 + 16);
    return out;
  }
}
