export * from './arena.js';
export * from './bars.js';
export * from './moving-average.js';
export * from './cho.js';
export * from './macd.js';
export * from './rsi.js';
export * from './bollinger.js';
