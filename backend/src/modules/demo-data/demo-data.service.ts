import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DemoDataStatusDto, LeaveDemoResultDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DemoPoolDataService } from '../allocation/demo-pool-data.service.js';
import { DEMO_POOL_NAME } from '../allocation/demo-pool.seeder.js';
import { OperationLogService } from '../audit/operation-log.service.js';
import { DataSourcesService } from '../market-data/data-sources/data-sources.service.js';
import { MarketDemoDataService } from '../market-data/demo/market-demo-data.service.js';
import { StockListService } from '../market-data/stock-list/stock-list.service.js';
import { SignalsDemoDataService } from '../signals/demo/signals-demo-data.service.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { DemoDataStore, LEAVE_DEMO_LOCK } from './demo-data.store.js';

export { LEAVE_DEMO_LOCK };

/**
 * "Leave demo mode": removes everything the demo seeders wrote — synthetic bars, factors, sync
 * records and calendar days (market-data), the demo pool with its allocations and draws and the demo
 * stocks no other pool lists (allocation / stock-pool), and every signal day from the first demo
 * date on with its chain links (signals) — in ONE transaction, each module deleting its own rows.
 * Run it before real data arrives (admin panel button or `npm run demo:leave`); it is idempotent.
 * The seeders' own lock is held so a starting instance cannot seed in between.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DemoDataStore,
    private readonly market: MarketDemoDataService,
    private readonly signals: SignalsDemoDataService,
    private readonly pools: DemoPoolDataService,
    private readonly poolService: StockPoolService,
    private readonly sources: DataSourcesService,
    private readonly stockList: StockListService,
    private readonly audit: OperationLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(): Promise<DemoDataStatusDto> {
    await this.sources.refreshFromStore();
    const [bars, days, pools] = await Promise.all([
      this.market.summary(),
      this.signals.summary(),
      this.dataSource.transaction((m) => this.poolService.poolIdsNamed(DEMO_POOL_NAME, m)),
    ]);
    const signalDays = bars.firstDate === null ? 0 : days.days;
    return {
      present: bars.bars > 0 || pools.length > 0,
      demoDataSetting: this.config.demoData,
      realSource: this.sources.hasRealSource(),
      syntheticBars: bars.bars,
      syntheticFrom: bars.firstDate,
      syntheticTo: bars.lastDate,
      demoPools: pools.length,
      signalDays,
    };
  }

  async leave(operator: AuthUser | null, ip: string | null): Promise<LeaveDemoResultDto> {
    const removed = await this.dataSource.transaction(async (m) => {
      await this.store.lockForLeave(m);
      const span = await this.market.summary();
      // Signals first (they were computed over the bars), from the first synthetic date on.
      const signals = span.firstDate === null ? { days: 0, signals: 0, chainLinks: 0 } : await this.signals.removeFrom(m, span.firstDate);
      const pools = await this.pools.remove(m);
      const market = await this.market.remove(m);
      const result = {
        bars: market.bars,
        factors: market.factors,
        syncDates: market.dates,
        calendarDays: market.calendarDays,
        pools: pools.pools,
        allocations: pools.allocations,
        draws: pools.draws,
        stocks: pools.stocks,
        signalDays: signals.days,
        signals: signals.signals,
        chainLinks: signals.chainLinks,
      };
      await this.audit.record({ operator, action: 'demo_data.leave', targetType: 'demo_data', targetId: null, after: result, ip }, m);
      return result;
    });
    this.logger.warn(`left demo mode: ${JSON.stringify(removed)}`);
    // With a real source, the real stock list comes in at once (the demo's basics are gone).
    await this.sources.refreshFromStore();
    let stockListJobId: string | null = null;
    if (this.sources.hasRealSource()) stockListJobId = (await this.stockList.start(operator)).id;
    return { ...removed, stockListJobId };
  }
}
