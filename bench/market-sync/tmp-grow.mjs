import pg from 'pg';
import { mkdtempSync } from 'node:fs';
const dist = (p) => '/work/main/backend/dist/' + p;
const { startEmbeddedPostgres } = await import(dist('database/embedded-postgres.js'));
const { runMigrations } = await import(dist('database/migrate.js'));
const { DemoMarket } = await import(dist('modules/market-data/domain/demo-market.js'));
const { generateDemoUniverse } = await import(dist('modules/market-data/domain/demo-universe.js'));
const { pgArray } = await import(dist('modules/market-data/sync/market-store.js'));
const emb = await startEmbeddedPostgres(mkdtempSync('/tmp/pgtest/db-'));
await runMigrations(emb.url);
const pool = new pg.Pool({ connectionString: emb.url });
console.log((await pool.query("select name, setting, unit from pg_settings where name in ('shared_buffers','max_wal_size','checkpoint_timeout','wal_buffers','full_page_writes','fsync','synchronous_commit')")).rows.map(r=>`${r.name}=${r.setting}${r.unit??''}`).join(' '));
const market = new DemoMarket(generateDemoUniverse(5000), '2024-12-01');
const dates = market.tradingDays('2024-12-30', '2025-12-31').slice(0, 250);
const BARS = `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source)
 SELECT c, d, o, h, l, cl, pc, v, a, $10 FROM unnest($1::varchar[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::bigint[], $9::float8[]) AS t(c, d, o, h, l, cl, pc, v, a)`;
const FACT = `INSERT INTO adj_factors (ts_code, trade_date, factor, source) SELECT c, d, f, $4 FROM unnest($1::varchar[], $2::date[], $3::float8[]) AS t(c, d, f)`;
const bp = (bars) => [pgArray(bars.map(b=>b.tsCode)), pgArray(bars.map(b=>b.tradeDate)), pgArray(bars.map(b=>b.open)), pgArray(bars.map(b=>b.high)), pgArray(bars.map(b=>b.low)), pgArray(bars.map(b=>b.close)), pgArray(bars.map(b=>b.preClose??null)), pgArray(bars.map(b=>b.volume)), pgArray(bars.map(b=>b.amount)), 'tushare'];
const fp = (f) => [pgArray(f.map(x=>x.tsCode)), pgArray(f.map(x=>x.tradeDate)), pgArray(f.map(x=>x.factor)), 'tushare'];
let tb = 0, tf = 0;
for (let i = 0; i < dates.length; i++) {
  const bars = market.barsForDate(dates[i]); const f = market.adjFactorsForDate(dates[i]);
  const c = await pool.connect(); await c.query('BEGIN'); await c.query('SET LOCAL synchronous_commit TO off');
  let t = performance.now(); await c.query(BARS, bp(bars)); tb += performance.now() - t;
  t = performance.now(); await c.query(FACT, fp(f)); await c.query('COMMIT'); tf += performance.now() - t; c.release();
  if ((i + 1) % 25 === 0) { console.log(`dates ${i - 23}-${i + 1}: bars ${(tb / 25).toFixed(1)} ms, factors+commit ${(tf / 25).toFixed(1)} ms`); tb = tf = 0; }
}
await pool.end(); await emb.stop();
