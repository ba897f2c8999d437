/**
 * The one home of seeded pseudo-random numbers (not for secrets: use node:crypto for those).
 * Stored draws and seeds replay only if their generator never changes, so each generator lives
 * under its version name and is never edited; a new algorithm gets a new name and the caller stores
 * which one it used (the allocator does through `ALLOCATOR_VERSION`).
 *
 * - `mulberry32`: allocation draws (`balanced-v1`) and the demo market's synthetic prices.
 * - `sfc32` (`createPrng`): the random-pick baseline of signal evaluation and property tests.
 * - `fnv1a32`: a string to a uint32 seed; `deriveSeed` = fnv1a32 + murmur3 finaliser.
 */
import { randomBytes } from 'node:crypto';

export { fnv1a32 } from './fnv1a32.js';
export { deriveSeed, isSeed, MAX_SEED, mulberry32, randomIndex, type Rng } from './mulberry32.js';
export { createPrng, seedToUint32, type Prng } from './sfc32.js';

/** A fresh random uint32 seed (crypto-strength source; the draw itself stays reproducible from it). */
export function randomSeed(): number {
  return randomBytes(4).readUInt32BE(0);
}
