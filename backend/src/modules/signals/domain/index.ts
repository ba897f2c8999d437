export * from '../../../common/prng/sfc32.js';
export * from './evaluation.js';
export * from './hash-chain.js';
export * from './track-record.js';
