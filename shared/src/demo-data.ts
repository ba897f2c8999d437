/** GET /admin/demo-data: what demo data this install holds. */
export interface DemoDataStatusDto {
  /** Any demo data left (synthetic bars, the demo pool, signals computed over demo bars). */
  present: boolean;
  /** DEMO_DATA is on (the seeders run at start-up). */
  demoDataSetting: boolean;
  /** A real market-data source (Tushare, AKTools) is enabled. */
  realSource: boolean;
  syntheticBars: number;
  syntheticFrom: string | null;
  syntheticTo: string | null;
  demoPools: number;
  /** Published signal days from the first demo date on (what leaving removes). */
  signalDays: number;
}

/** POST /admin/demo-data/leave: what one transaction removed. */
export interface LeaveDemoResultDto {
  bars: number;
  factors: number;
  syncDates: number;
  calendarDays: number;
  pools: number;
  allocations: number;
  draws: number;
  stocks: number;
  signalDays: number;
  signals: number;
  chainLinks: number;
  /** A stock-list sync started afterwards (a real source is enabled), else null. */
  stockListJobId: string | null;
}
