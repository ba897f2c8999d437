export * from './prng.js';
export * from './evaluation.js';
export * from './hash-chain.js';
