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
const market = new DemoMarket(generateDemoUniverse(5000), '2025-10-01');
const dates = market.tradingDays('2025-11-01', '2025-12-31').slice(0, 30);
const data = dates.map((d) => [market.barsForDate(d), market.adjFactorsForDate(d)]);
const BARS = `INSERT INTO daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source)
 SELECT c, d, o, h, l, cl, pc, v, a, $10 FROM unnest($1::varchar[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::bigint[], $9::float8[]) AS t(c, d, o, h, l, cl, pc, v, a)`;
const FACT = `INSERT INTO adj_factors (ts_code, trade_date, factor, source) SELECT c, d, f, $4 FROM unnest($1::varchar[], $2::date[], $3::float8[]) AS t(c, d, f)`;
const bp = (bars) => [pgArray(bars.map(b=>b.tsCode)), pgArray(bars.map(b=>b.tradeDate)), pgArray(bars.map(b=>b.open)), pgArray(bars.map(b=>b.high)), pgArray(bars.map(b=>b.low)), pgArray(bars.map(b=>b.close)), pgArray(bars.map(b=>b.preClose??null)), pgArray(bars.map(b=>b.volume)), pgArray(bars.map(b=>b.amount)), 'tushare'];
const fp = (f) => [pgArray(f.map(x=>x.tsCode)), pgArray(f.map(x=>x.tradeDate)), pgArray(f.map(x=>x.factor)), 'tushare'];
class CopyIn extends pg.Query {
  constructor(text, payload, cb) { super(text, undefined, cb); this.payload = payload; }
  handleCopyInResponse(connection) { connection.sendCopyFromChunk(this.payload); connection.endCopyFrom(); }
}
const copy = (c, text, payload) => new Promise((res, rej) => c.query(new CopyIn(text, payload, (e, r) => (e ? rej(e) : res(r)))));
const barsTsv = (bars) => Buffer.from(bars.map(b => `${b.tsCode}\t${b.tradeDate}\t${b.open}\t${b.high}\t${b.low}\t${b.close}\t${b.preClose ?? '\\N'}\t${b.volume}\t${b.amount}\ttushare`).join('\n') + '\n');
const factTsv = (f) => Buffer.from(f.map(x => `${x.tsCode}\t${x.tradeDate}\t${x.factor}\ttushare`).join('\n') + '\n');
async function tx(fn) { const c = await pool.connect(); await c.query('BEGIN'); await c.query('SET LOCAL synchronous_commit TO off'); await fn(c); await c.query('COMMIT'); c.release(); }
for (const mode of ['insert', 'copy', 'insert', 'copy', 'insert', 'copy']) {
  await pool.query('TRUNCATE daily_bars, adj_factors');
  const t0 = performance.now();
  for (const [bars, f] of data) {
    if (mode === 'insert') await tx(async (c) => { await c.query(BARS, bp(bars)); await c.query(FACT, fp(f)); });
    else await tx(async (c) => { await copy(c, 'COPY daily_bars (ts_code, trade_date, open, high, low, close, pre_close, volume, amount, source) FROM STDIN', barsTsv(bars)); await copy(c, 'COPY adj_factors (ts_code, trade_date, factor, source) FROM STDIN', factTsv(f)); });
  }
  console.log(mode, ((performance.now()-t0)/data.length).toFixed(1), 'ms/date');
}
console.log((await pool.query('select count(*) from daily_bars')).rows);
await pool.end(); await emb.stop();
