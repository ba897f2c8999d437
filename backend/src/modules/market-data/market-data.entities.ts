import { AdjFactorRow } from './entities/adj-factor.entity.js';
import { DailyBarRow } from './entities/daily-bar.entity.js';
import { DataSourceSettingRow } from './entities/data-source-setting.entity.js';
import { DataSourceSwitchLogRow } from './entities/data-source-switch-log.entity.js';
import { Stock } from './entities/stock.entity.js';
import { TradeCalendarDayRow } from './entities/trade-calendar-day.entity.js';
import { TradeDateSyncRow } from './entities/trade-date-sync.entity.js';
import { TrackedStockRow } from './entities/tracked-stock.entity.js';
export const MarketDataEntities = [Stock, TradeCalendarDayRow, DailyBarRow, AdjFactorRow, TradeDateSyncRow, DataSourceSettingRow, DataSourceSwitchLogRow, TrackedStockRow];
