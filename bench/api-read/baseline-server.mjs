// The api-read baseline (see run.mjs): the irreducible part of GET /api/v1/me/stocks on a bare
// node:http server — HS256-verify the bearer token (node:crypto), then the statements the endpoint
// needs, in the endpoint's order and with the endpoint's SQL, through a `pg` pool of the app's
// size, and the same JSON. Only what the endpoint does twice is done once here (the entitlement
// read; see the README's api-read notes). No framework, logging, validation or security headers.
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
// AllocationService.visibleHoldings
export const HOLDINGS_SQL = `SELECT a.id, a.ts_code, (SELECT s.name FROM stocks s WHERE s.ts_code = a.ts_code) AS name, a.allocated_at
           FROM allocations a
          WHERE a.pool_id = (SELECT id FROM stock_pools WHERE status = 'active')
            AND a.user_id = $1 AND a.released_at IS NULL
          ORDER BY a.allocated_at, a.id`;
// VipEntitlementReader.forUsers
export const ENTITLEMENT_SQL = `SELECT u.id AS user_id,
              CASE WHEN s.expires_at > $2 THEN s.level ELSE 0 END AS level,
              CASE WHEN s.expires_at > $2 THEN s.expires_at END AS expires_at,
              l.stock_quota
         FROM unnest($1::uuid[]) AS u(id)
         LEFT JOIN subscriptions s ON s.user_id = u.id
         LEFT JOIN vip_levels l ON l.level = CASE WHEN s.expires_at > $2 THEN s.level ELSE 0 END`;
// VipService.listLevels (StrategyConfigService.strategyForLevel)
export const LEVELS_SQL = `SELECT "VipLevel"."level" AS "VipLevel_level", "VipLevel"."name" AS "VipLevel_name", "VipLevel"."stock_quota" AS "VipLevel_stock_quota", "VipLevel"."price_fen" AS "VipLevel_price_fen", "VipLevel"."enabled" AS "VipLevel_enabled", "VipLevel"."description" AS "VipLevel_description", "VipLevel"."strategy_id" AS "VipLevel_strategy_id", "VipLevel"."updated_at" AS "VipLevel_updated_at" FROM "vip_levels" "VipLevel" ORDER BY "VipLevel"."level" ASC`;
// SignalReadService.latestFor
export const SIGNALS_SQL = `SELECT c.code AS ts_code, l.trade_date, l.action, l.score
         FROM unnest($2::varchar[]) AS c(code)
         CROSS JOIN LATERAL (
           SELECT s.trade_date::text, s.action, s.score FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            WHERE s.strategy_id = $1 AND s.ts_code = c.code
            ORDER BY s.trade_date DESC, s.version ASC LIMIT 1) l`;

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

async function myStocks(userId) {
  // Holdings and entitlement side by side, as the endpoint does.
  const [holdingsResult, entResult] = await Promise.all([pool.query(HOLDINGS_SQL, [userId]), pool.query(ENTITLEMENT_SQL, [[userId], new Date()])]);
  const rows = holdingsResult.rows;
  if (rows.length === 0) return { items: [] };
  const ent = entResult.rows[0];
  const quota = ent ? ent.stock_quota : 0;
  const holdings = rows.map((r) => ({ tsCode: r.ts_code, name: r.name, allocatedAt: r.allocated_at, order: Number(r.id) }));
  const hidden = hiddenBeyondQuota(holdings, quota);
  const visible = holdings.filter((h) => !hidden.has(h));
  const signals = new Map();
  if (visible.length) {
    const level = Number(ent?.level ?? 0);
    const row = (await pool.query(LEVELS_SQL)).rows.find((l) => l.VipLevel_level === level);
    const strategy = row && strategyIds.has(row.VipLevel_strategy_id) ? row.VipLevel_strategy_id : defaultStrategy;
    for (const r of (await pool.query(SIGNALS_SQL, [strategy, visible.map((h) => h.tsCode)])).rows) {
      signals.set(r.ts_code, { tradeDate: r.trade_date, action: r.action, score: r.score });
    }
  }
  return { items: visible.map((h) => ({ tsCode: h.tsCode, name: h.name, allocatedAt: h.allocatedAt.toISOString(), latestSignal: signals.get(h.tsCode) ?? null })) };
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
