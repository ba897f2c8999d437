import { fnv1a32 } from './fnv1a32.js';

/**
 * Version `sfc32`, never edited (the baseline's stored figures replay with it). Seeded pseudo-random numbers for anything that must be reproducible (the random-pick baseline,
 * property tests): sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * passes PractRand/BigCrush) seeded through splitmix32, so nearby seeds give unrelated streams.
 * Not for secrets — use node:crypto for those.
 */
export interface Prng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n), unbiased (rejection sampling); n an integer in [1, 2^32]. */
  nextInt(n: number): number;
}

/** A string seed to 32 bits (FNV-1a over UTF-16 code units); numbers are truncated to uint32. */
export function seedToUint32(seed: number | string): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError('seed must be finite');
    return Math.trunc(seed) >>> 0;
  }
  return fnv1a32(seed);
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createPrng(seed: number | string): Prng {
  const sm = splitmix32(seedToUint32(seed));
  let a = sm();
  let b = sm();
  let c = sm();
  let d = 1; // sfc32's counter
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    nextInt(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 4294967296) throw new RangeError(`nextInt: bad bound ${n}`);
      const limit = 4294967296 - (4294967296 % n); // largest multiple of n ≤ 2^32
      let x: number;
      do x = nextUint32();
      while (x >= limit);
      return x % n;
    },
  };
}
