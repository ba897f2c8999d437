export * from './types.js';
export * from './series.js';
export { choStrategy } from './cho.strategy.js';
export { maCrossStrategy, type MaCrossParams } from './ma-cross.strategy.js';
export { macdCrossStrategy } from './macd-cross.strategy.js';
export { rsiBandsStrategy, type RsiBandsParams } from './rsi-bands.strategy.js';
export { bollBreakStrategy } from './boll-break.strategy.js';
export { volumeConfirmStrategy, type VolumeConfirmParams } from './volume-confirm.strategy.js';
export {
  BASE_STRATEGIES,
  COMPOSITE_DEFAULT_PARAMS,
  combineComposite,
  compositeStrategy,
  type CompositeParams,
} from './composite.strategy.js';
export {
  STRATEGIES,
  STRATEGY_IDS,
  DEFAULT_STRATEGY_ID,
  evaluateAll,
  getStrategy,
  isStrategyId,
  resolveAllParams,
} from './registry.js';
