// The api-read baseline (see run.mjs): the irreducible part of GET /api/v1/me/stocks on a bare
// node:http server — HS256-verify the bearer token (node:crypto), then the statements the endpoint
// needs (user row, entitlement with the level's strategy, holdings with latest signals and day
// changes), in the endpoint's order and with the endpoint's SQL, through a `pg` pool of the app's
// size, and the same JSON. No framework, logging, validation or security headers.
//
// Env: PORT, DATABASE_URL, JWT_SECRET, POOL_SIZE, STRATEGY_IDS (comma list), DEFAULT_STRATEGY.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

// Imported by run.mjs (--explain) for the SQL only: then no server and no pool.
const serve = !import.meta.url.endsWith('?sql-only');
const pool = serve ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE) }) : null;
const secret = process.env.JWT_SECRET;
const strategyIds = new Set((process.env.STRATEGY_IDS ?? '').split(','));
const defaultStrategy = process.env.DEFAULT_STRATEGY;

// AuthGuard → UsersService.principalOf
export const USER_SQL = 'SELECT id, username, role, status, token_version AS "tokenVersion", must_change_password AS "mustChangePassword" FROM users WHERE id = $1';
// VipEntitlementReader.forUsers (with the effective level's strategy mapping)
export const ENTITLEMENT_SQL = `SELECT u.id AS "userId",
              CASE WHEN s.expires_at > $2 THEN s.level ELSE 0 END AS level,
              CASE WHEN s.expires_at > $2 THEN s.expires_at END AS "expiresAt",
              l.stock_quota AS "stockQuota", l.strategy_id AS "strategyId", l.served_strategy_id AS "servedStrategyId"
         FROM unnest($1::uuid[]) AS u(id)
         LEFT JOIN subscriptions s ON s.user_id = u.id
         LEFT JOIN vip_levels l ON l.level = CASE WHEN s.expires_at > $2 THEN s.level ELSE 0 END`;
// AllocationStore.myStocks: holdings with their latest signals and day changes
export const MY_STOCKS_SQL = `SELECT a.id, a.ts_code, (SELECT s.name FROM stocks s WHERE s.ts_code = a.ts_code) AS name, a.allocated_at,
              sig.trade_date, sig.action, sig.score,
              round(((bar.close / NULLIF(bar.prev, 0) - 1) * 100)::numeric, 4)::float8 AS change_pct
         FROM allocations a
         LEFT JOIN LATERAL (
           SELECT s.trade_date::text AS trade_date, s.action, s.score
             FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            WHERE s.strategy_id = $2 AND s.ts_code = a.ts_code
            ORDER BY s.trade_date DESC, s.version ASC LIMIT 1) sig ON true
         LEFT JOIN LATERAL (
           SELECT b.close, COALESCE(b.pre_close,
                    (SELECT p.close FROM daily_bars p WHERE p.ts_code = b.ts_code AND p.trade_date < b.trade_date ORDER BY p.trade_date DESC LIMIT 1)) AS prev
             FROM daily_bars b WHERE b.ts_code = a.ts_code ORDER BY b.trade_date DESC LIMIT 1) bar ON true
        WHERE a.user_id = $1 AND a.released_at IS NULL
        ORDER BY a.allocated_at, a.id`;

/** The access token's claims, or null: HS256 signature, `typ: access`, not expired (as TokenService.verifyAccess). */
function verify(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [head, body, sig] = parts;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    if (JSON.parse(Buffer.from(head, 'base64url').toString()).alg !== 'HS256') return null;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    if (claims.typ !== 'access' || !(claims.exp > Date.now() / 1000)) return null;
    return claims;
  } catch {
    return null;
  }
}

/** Holdings beyond the quota are hidden, newest first (domain/balanced-allocator.ts release()). */
function hiddenBeyondQuota(holdings, quota) {
  if (quota === null || holdings.length <= quota) return new Set();
  const newestFirst = [...holdings].sort(
    (a, b) => b.allocatedAt.getTime() - a.allocatedAt.getTime() || b.order - a.order || (a.tsCode < b.tsCode ? 1 : a.tsCode > b.tsCode ? -1 : 0),
  );
  return new Set(newestFirst.slice(0, holdings.length - quota));
}

/** signals' servedStrategyId(): the level's served strategy while its successor is computed, else its strategy, else the default. */
function servedStrategy(ent) {
  if (ent?.servedStrategyId && strategyIds.has(ent.servedStrategyId)) return ent.servedStrategyId;
  return ent && strategyIds.has(ent.strategyId) ? ent.strategyId : defaultStrategy;
}

async function myStocks(userId) {
  // The entitlement (quota and the level's strategy), then the holdings with signals and changes.
  const ent = (await pool.query(ENTITLEMENT_SQL, [[userId], new Date()])).rows[0];
  const rows = (await pool.query(MY_STOCKS_SQL, [userId, servedStrategy(ent)])).rows;
  if (rows.length === 0) return { items: [] };
  const quota = ent ? ent.stockQuota : 0;
  const holdings = rows.map((r) => ({ tsCode: r.ts_code, allocatedAt: r.allocated_at, order: Number(r.id), row: r }));
  const hidden = hiddenBeyondQuota(holdings, quota);
  return {
    items: holdings
      .filter((h) => !hidden.has(h))
      .map(({ row: r }) => ({
        tsCode: r.ts_code,
        name: r.name,
        allocatedAt: r.allocated_at.toISOString(),
        latestSignal: r.trade_date === null ? null : { tradeDate: r.trade_date, action: r.action, score: r.score },
        changePct: r.change_pct,
      })),
  };
}

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function handle(req, res) {
  if (req.url === '/health') return send(res, 200, { status: 'ok' });
  if (req.method !== 'GET' || req.url !== '/api/v1/me/stocks') return send(res, 404, { code: 'NOT_FOUND' });
  const header = req.headers.authorization;
  const claims = header?.startsWith('Bearer ') ? verify(header.slice(7).trim()) : null;
  if (!claims) return send(res, 401, { code: 'AUTH_TOKEN_INVALID' });
  const user = (await pool.query(USER_SQL, [claims.sub])).rows[0];
  if (!user) return send(res, 401, { code: 'AUTH_TOKEN_INVALID' });
  if (user.status !== 'active') return send(res, 403, { code: 'AUTH_ACCOUNT_DISABLED' });
  if (claims.ver !== user.tokenVersion) return send(res, 401, { code: 'AUTH_SESSION_REVOKED' });
  if (user.mustChangePassword) return send(res, 403, { code: 'PASSWORD_CHANGE_REQUIRED' });
  if (user.role !== 'user' && user.role !== 'admin') return send(res, 403, { code: 'FORBIDDEN' });
  send(res, 200, await myStocks(user.id));
}

if (serve) {
  let inFlight = 0;
  let stopping = false;
  const server = createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((e) => {
        if (!stopping) console.error(e);
        if (!res.headersSent) send(res, 500, { code: 'INTERNAL' });
      })
      .finally(() => inFlight--);
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  // Let requests the load generator abandoned at its end finish before the pool closes.
  process.on('SIGTERM', async () => {
    stopping = true;
    server.close();
    server.closeAllConnections();
    for (let i = 0; inFlight > 0 && i < 50; i++) await new Promise((r) => setTimeout(r, 100));
    await pool.end();
    process.exit(0);
  });
}
