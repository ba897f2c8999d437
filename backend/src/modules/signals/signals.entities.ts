import { SignalDayRow } from './entities/signal-day.entity.js';
import { SignalReturnRow } from './entities/signal-return.entity.js';
import { SignalRunFailureRow } from './entities/signal-run-failure.entity.js';
import { SignalStagingRow } from './entities/signal-staging.entity.js';
import { SignalRow } from './entities/signal.entity.js';
import { StrategyVersionRow } from './entities/strategy-version.entity.js';
export const SignalsEntities = [StrategyVersionRow, SignalRow, SignalStagingRow, SignalDayRow, SignalReturnRow, SignalRunFailureRow];
