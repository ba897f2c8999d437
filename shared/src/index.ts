export * from './errors.js';
export * from './types.js';
export * from './money.js';
export * from './vip.js';
export * from './ts-code.js';
export * from './market.js';
export * from './pools.js';
export * from './signals.js';
