/**
 * Version `mulberry32`, never edited (stored draws replay with it). Small deterministic PRNG for
 * reproducible draws. Seeds are unsigned 32-bit integers (store them as `bigint`/`int8` or as a
 * number; 0 … 4,294,967,295).
 *
 * mulberry32 (Tommy Ettinger): integer-only arithmetic (`Math.imul`, shifts) and one exact division by
 * 2^32, so the sequence is identical on every JS engine and platform.
 */
import { fnv1a32 } from './fnv1a32.js';

export type Rng = () => number;

export const MAX_SEED = 0xffff_ffff;

/** Returns a function producing floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Integer in [0, n) from a [0, 1) generator. */
export function randomIndex(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** True when `seed` is a valid uint32 seed. */
export function isSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
}

/**
 * Derive a uint32 seed from a batch seed and a key (e.g. a member id), so a rotation job can store one
 * batch seed and still give every member an independent, reproducible seed. FNV-1a over the UTF-16 code
 * units of `${batchSeed}:${key}`, then a murmur3 finaliser for avalanche. Not cryptographic.
 */
export function deriveSeed(batchSeed: number, key: string | number): number {
  let h = fnv1a32(`${batchSeed >>> 0}:${key}`);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
