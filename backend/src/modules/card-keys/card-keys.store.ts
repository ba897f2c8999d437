import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import type { PageQueryDto } from '../../common/pagination.js';
import { returnedRows } from '../../common/sql.js';
import { CARD_BATCH_SORT, CARD_KEY_SORT, CARD_PROJECT_SORT, CARD_VERIFICATION_SORT } from './domain/list-sorts.js';

/** Every SQL statement of the card-keys module. Manager first; camelCase results. */

export interface BatchRow {
  id: string;
  ownerId: string;
  kind: 'vip' | 'project';
  level: number | null;
  months: number | null;
  projectId: string | null;
  durationDays: number | null;
  count: number;
  generated: number;
  unitPriceFen: bigint;
  costFen: bigint;
  status: 'generating' | 'ready' | 'failed';
  redeemBy: Date | null;
  note: string;
  idempotencyKey: string | null;
  requestHash: string;
  transferId: string | null;
  jobId: string | null;
  voidedCount: number;
  refundedFen: bigint;
  voidOps: number;
  createdAt: Date;
}

export interface KeyRow {
  id: string;
  batchId: string;
  seq: number;
  last4: string;
  status: 'unused' | 'used' | 'void';
  redeemedBy: string | null;
  usedAt: Date | null;
  expiresAt: Date | null;
  deviceId: string | null;
  lastUnbindAt: Date | null;
  unbindCount: number;
  voidedAt: Date | null;
}

/** A key with the batch fields its rules need (redeem, verify, unbind). */
export interface KeyWithBatch extends KeyRow, Pick<BatchRow, 'ownerId' | 'kind' | 'level' | 'months' | 'projectId' | 'durationDays' | 'redeemBy'> {}

export interface ProjectRow {
  id: string;
  name: string;
  description: string;
  version: string;
  callbackUrl: string | null;
  apiKey: string;
  secretSealed: string;
  enabled: boolean;
  retailFenPer30d: bigint;
  rateLimitPerMinute: number;
  bannedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BatchFilter {
  id?: string;
  ownerIds: string[] | null;
  status?: string;
  kind?: string;
  projectId?: string;
}

const BATCH_COLS = `id, owner_id, kind, level, months, project_id, duration_days, count, generated, unit_price_fen, cost_fen, status, redeem_by, note,
  idempotency_key, request_hash, transfer_id, job_id, voided_count, refunded_fen, void_ops, created_at`;
const KEY_COLS = `k.id, k.batch_id, k.seq, k.last4, k.status, k.redeemed_by, k.used_at, k.expires_at, k.device_id, k.last_unbind_at, k.unbind_count, k.voided_at`;
const KEY_BATCH_COLS = `${KEY_COLS}, b.owner_id, b.kind, b.level, b.months, b.project_id, b.duration_days, b.redeem_by`;
const PROJECT_COLS = `id, name, description, version, callback_url, api_key, secret_sealed, enabled, retail_fen_per30d, rate_limit_per_minute, banned_until, created_at, updated_at`;

/* eslint-disable @typescript-eslint/no-explicit-any */
function toBatch(r: any): BatchRow {
  return {
    id: r.id,
    ownerId: r.owner_id,
    kind: r.kind,
    level: r.level,
    months: r.months,
    projectId: r.project_id,
    durationDays: r.duration_days,
    count: r.count,
    generated: r.generated,
    unitPriceFen: BigInt(r.unit_price_fen),
    costFen: BigInt(r.cost_fen),
    status: r.status,
    redeemBy: r.redeem_by,
    note: r.note,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    transferId: r.transfer_id,
    jobId: r.job_id,
    voidedCount: r.voided_count,
    refundedFen: BigInt(r.refunded_fen),
    voidOps: r.void_ops,
    createdAt: r.created_at,
  };
}
function toKey(r: any): KeyRow {
  return {
    id: r.id,
    batchId: r.batch_id,
    seq: r.seq,
    last4: r.last4,
    status: r.status,
    redeemedBy: r.redeemed_by,
    usedAt: r.used_at,
    expiresAt: r.expires_at,
    deviceId: r.device_id,
    lastUnbindAt: r.last_unbind_at,
    unbindCount: r.unbind_count,
    voidedAt: r.voided_at,
  };
}
function toKeyWithBatch(r: any): KeyWithBatch {
  return { ...toKey(r), ownerId: r.owner_id, kind: r.kind, level: r.level, months: r.months, projectId: r.project_id, durationDays: r.duration_days, redeemBy: r.redeem_by };
}
function toProject(r: any): ProjectRow {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    version: r.version,
    callbackUrl: r.callback_url,
    apiKey: r.api_key,
    secretSealed: r.secret_sealed,
    enabled: r.enabled,
    retailFenPer30d: BigInt(r.retail_fen_per30d),
    rateLimitPerMinute: r.rate_limit_per_minute,
    bannedUntil: r.banned_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function batchWhere(f: BatchFilter, p: SqlParams): string {
  return sqlWhere([
    f.id && `b.id = ${p.add(f.id, 'uuid')}`,
    f.ownerIds && `b.owner_id = ANY(${p.add(f.ownerIds, 'uuid[]')})`,
    f.status && `b.status = ${p.add(f.status)}`,
    f.kind && `b.kind = ${p.add(f.kind)}`,
    f.projectId && `b.project_id = ${p.add(f.projectId)}`,
  ]);
}

/** `LIMIT … OFFSET …` bound as parameters, for a page given as skip/take. */
@Injectable()
export class CardKeysStore {
  // ---------- settings and prices ----------
  async settings(m: EntityManager): Promise<{ unbindCooldownHours: number; defaultDiscountPct: number }> {
    const rows = await m.query(
      `INSERT INTO card_settings (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = card_settings.id RETURNING unbind_cooldown_hours, default_discount_pct`,
    );
    const r = returnedRows<any>(rows)[0];
    return { unbindCooldownHours: r.unbind_cooldown_hours, defaultDiscountPct: r.default_discount_pct };
  }

  async updateSettings(m: EntityManager, s: { unbindCooldownHours?: number; defaultDiscountPct?: number }): Promise<void> {
    await this.settings(m);
    await m.query(
      `UPDATE card_settings SET unbind_cooldown_hours = COALESCE($1, unbind_cooldown_hours), default_discount_pct = COALESCE($2, default_discount_pct) WHERE id = 1`,
      [s.unbindCooldownHours ?? null, s.defaultDiscountPct ?? null],
    );
  }

  async priceByScope(m: EntityManager, scopeKey: string): Promise<bigint | null> {
    const rows: any[] = await m.query(`SELECT price_fen FROM card_prices WHERE scope_key = $1`, [scopeKey]);
    return rows[0] ? BigInt(rows[0].price_fen) : null;
  }

  async allPrices(m: EntityManager): Promise<Array<{ scopeKey: string; kind: 'vip' | 'project'; level: number | null; months: number | null; projectId: string | null; durationDays: number | null; priceFen: bigint; updatedAt: Date }>> {
    const rows: any[] = await m.query(`SELECT scope_key, kind, level, months, project_id, duration_days, price_fen, updated_at FROM card_prices ORDER BY kind, level, months, project_id, duration_days`);
    return rows.map((r) => ({ scopeKey: r.scope_key, kind: r.kind, level: r.level, months: r.months, projectId: r.project_id, durationDays: r.duration_days, priceFen: BigInt(r.price_fen), updatedAt: r.updated_at }));
  }

  async upsertPrice(m: EntityManager, p: { scopeKey: string; kind: 'vip' | 'project'; level: number | null; months: number | null; projectId: string | null; durationDays: number | null; priceFen: bigint }): Promise<bigint | null> {
    const before = await this.priceByScope(m, p.scopeKey);
    await m.query(
      `INSERT INTO card_prices (kind, scope_key, level, months, project_id, duration_days, price_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (scope_key) DO UPDATE SET price_fen = EXCLUDED.price_fen, updated_at = now()`,
      [p.kind, p.scopeKey, p.level, p.months, p.projectId, p.durationDays, p.priceFen.toString()],
    );
    return before;
  }

  async deletePrice(m: EntityManager, scopeKey: string): Promise<boolean> {
    const r = returnedRows<any>(await m.query(`DELETE FROM card_prices WHERE scope_key = $1 RETURNING id`, [scopeKey]));
    return r.length > 0;
  }

  // ---------- batches ----------
  async insertBatch(m: EntityManager, b: Omit<BatchRow, 'generated' | 'voidedCount' | 'refundedFen' | 'voidOps' | 'transferId'>): Promise<void> {
    await m.query(
      `INSERT INTO card_batches (id, owner_id, kind, level, months, project_id, duration_days, count, unit_price_fen, cost_fen, status, redeem_by, note, idempotency_key, request_hash, job_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [b.id, b.ownerId, b.kind, b.level, b.months, b.projectId, b.durationDays, b.count, b.unitPriceFen.toString(), b.costFen.toString(), b.status, b.redeemBy, b.note, b.idempotencyKey, b.requestHash, b.jobId, b.createdAt],
    );
  }

  async setBatchTransfer(m: EntityManager, id: string, transferId: string): Promise<void> {
    await m.query(`UPDATE card_batches SET transfer_id = $2 WHERE id = $1`, [id, transferId]);
  }

  async batchByIdempotencyKey(m: EntityManager, ownerId: string, key: string): Promise<BatchRow | null> {
    const rows: any[] = await m.query(`SELECT ${BATCH_COLS} FROM card_batches WHERE owner_id = $1 AND idempotency_key = $2`, [ownerId, key]);
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async batch(m: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<BatchRow | null> {
    const rows: any[] = await m.query(`SELECT ${BATCH_COLS} FROM card_batches WHERE id = $1 ${opts.lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async listBatches(m: EntityManager, f: BatchFilter, sort: string | undefined, page: PageQueryDto): Promise<{ rows: Array<BatchRow & { ownerName: string | null; projectName: string | null; unusedCount: number; usedCount: number }>; total: number }> {
    const p = new SqlParams();
    const where = batchWhere(f, p);
    const total = Number((await m.query(`SELECT count(*)::int AS n FROM card_batches b ${where}`, p.values))[0].n);
    // owner and project names: a read-only join for the list (users is the users module's table).
    const rows: any[] = await m.query(
      `SELECT b.*, u.username AS owner_name, p.name AS project_name,
              (SELECT count(*)::int FROM card_keys k WHERE k.batch_id = b.id AND k.status = 'unused') AS unused_count,
              (SELECT count(*)::int FROM card_keys k WHERE k.batch_id = b.id AND k.status = 'used') AS used_count
         FROM card_batches b LEFT JOIN users u ON u.id = b.owner_id LEFT JOIN card_projects p ON p.id = b.project_id
         ${where} ${sqlOrderBy(sort, CARD_BATCH_SORT)} ${p.page(page)}`,
      p.values,
    );
    return { rows: rows.map((r) => ({ ...toBatch(r), ownerName: r.owner_name, projectName: r.project_name, unusedCount: r.unused_count, usedCount: r.used_count })), total };
  }

  async maxSeq(m: EntityManager, batchId: string): Promise<number> {
    const rows: any[] = await m.query(`SELECT COALESCE(max(seq), 0)::int AS s, count(*)::int AS n FROM card_keys WHERE batch_id = $1`, [batchId]);
    return rows[0].s;
  }

  async existingSeqs(m: EntityManager, batchId: string, seqs: number[]): Promise<Set<number>> {
    const rows: any[] = await m.query(`SELECT seq FROM card_keys WHERE batch_id = $1 AND seq = ANY($2::int[])`, [batchId, seqs]);
    return new Set(rows.map((r) => r.seq));
  }

  async countKeys(m: EntityManager, batchId: string): Promise<number> {
    return Number((await m.query(`SELECT count(*)::int AS n FROM card_keys WHERE batch_id = $1`, [batchId]))[0].n);
  }

  /** Inserts keys; a lookup-hash collision (or an existing seq, when resuming) is skipped: returns the seqs written. */
  async insertKeys(m: EntityManager, batchId: string, rows: Array<{ seq: number; lookup: Buffer; sealed: Buffer; last4: string }>): Promise<Set<number>> {
    const out: any[] = await m.query(
      `INSERT INTO card_keys (batch_id, seq, lookup_hash, code_sealed, last4)
       SELECT $1, s, h, c, l FROM unnest($2::int[], $3::bytea[], $4::bytea[], $5::text[]) AS t(s, h, c, l)
       ON CONFLICT DO NOTHING RETURNING seq`,
      [batchId, rows.map((r) => r.seq), rows.map((r) => r.lookup), rows.map((r) => r.sealed), rows.map((r) => r.last4)],
    );
    return new Set(out.map((r) => r.seq));
  }

  async setBatchProgress(m: EntityManager, batchId: string, generated: number, status?: 'ready' | 'failed'): Promise<void> {
    await m.query(`UPDATE card_batches SET generated = $2, status = COALESCE($3, status) WHERE id = $1`, [batchId, generated, status ?? null]);
  }

  /** Keyset page of a batch's keys for export (sealed codes; decrypted by the caller, never held all at once). */
  /**
   * One page of a batch's keys for the export, in seq order, as ONE row: the sealed codes
   * concatenated (16 bytes each) and the statuses comma-separated — parsing 5,000 rows of bytea in
   * the driver cost more than the rest of the page's work. null when there is no key after `afterSeq`.
   */
  async exportPage(m: EntityManager, batchId: string, afterSeq: number, limit: number): Promise<{ lastSeq: number; count: number; sealed: Buffer; statuses: string[] } | null> {
    const rows: any[] = await m.query(
      `SELECT max(seq)::int AS last_seq, count(*)::int AS n, string_agg(code_sealed, ''::bytea ORDER BY seq) AS sealed, string_agg(status, ',' ORDER BY seq) AS statuses
         FROM (SELECT seq, code_sealed, status FROM card_keys WHERE batch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) page`,
      [batchId, afterSeq, limit],
    );
    const r = rows[0];
    return r && r.n > 0 ? { lastSeq: r.last_seq, count: r.n, sealed: r.sealed, statuses: r.statuses.split(',') } : null;
  }

  async voidUnused(m: EntityManager, batchId: string, at: Date): Promise<number> {
    const rows = returnedRows<any>(await m.query(`UPDATE card_keys SET status = 'void', voided_at = $2 WHERE batch_id = $1 AND status = 'unused' RETURNING id`, [batchId, at]));
    return rows.length;
  }

  async recordVoid(m: EntityManager, batchId: string, voided: number, refund: bigint): Promise<void> {
    await m.query(`UPDATE card_batches SET voided_count = voided_count + $2, refunded_fen = refunded_fen + $3, void_ops = void_ops + 1 WHERE id = $1`, [batchId, voided, refund.toString()]);
  }

  // ---------- keys ----------
  /**
   * The redeem, in ONE statement (round trips are what limits redeem throughput): reads the
   * lockout of the given throttle subjects and, only when none is locked at `now`, runs the
   * conditional update unused → used of a VIP key still inside its redeem-by date. Of N concurrent
   * redeems of one key exactly one gets `won`. `lockedUntil` is the latest lock of the subjects,
   * `memberThrottled` whether the member has a throttle row (cleared after a success).
   */
  async redeemVip(
    m: EntityManager,
    lookup: Buffer,
    userId: string,
    now: Date,
    subjects: string[],
  ): Promise<{ lockedUntil: Date | null; memberThrottled: boolean; won: { id: string; level: number; months: number; ownerId: string } | null }> {
    const rows: any[] = await m.query(
      `WITH lock AS (
         SELECT max(locked_until) AS until, coalesce(bool_or(subject = $5), false) AS member_row
           FROM card_redeem_throttles WHERE subject = ANY($4::text[])
       ), won AS (
         UPDATE card_keys k SET status = 'used', redeemed_by = $2, used_at = $3
           FROM card_batches b, lock
          WHERE k.lookup_hash = $1 AND k.status = 'unused' AND b.id = k.batch_id AND b.kind = 'vip' AND (b.redeem_by IS NULL OR b.redeem_by > $3)
            AND (lock.until IS NULL OR lock.until <= $3)
          RETURNING k.id, b.level, b.months, b.owner_id
       )
       SELECT lock.until, lock.member_row, won.id, won.level, won.months, won.owner_id FROM lock LEFT JOIN won ON true`,
      [lookup, userId, now, subjects, `member:${userId}`],
    );
    const r = rows[0];
    return {
      lockedUntil: r.until,
      memberThrottled: r.member_row,
      won: r.id ? { id: r.id, level: r.level, months: r.months, ownerId: r.owner_id } : null,
    };
  }

  async keyByLookup(m: EntityManager, lookup: Buffer): Promise<KeyWithBatch | null> {
    const rows: any[] = await m.query(`SELECT ${KEY_BATCH_COLS} FROM card_keys k JOIN card_batches b ON b.id = k.batch_id WHERE k.lookup_hash = $1`, [lookup]);
    return rows[0] ? toKeyWithBatch(rows[0]) : null;
  }

  async keyById(m: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<KeyWithBatch | null> {
    const rows: any[] = await m.query(`SELECT ${KEY_BATCH_COLS} FROM card_keys k JOIN card_batches b ON b.id = k.batch_id WHERE k.id = $1 ${opts.lock ? 'FOR UPDATE OF k' : ''}`, [id]);
    return rows[0] ? toKeyWithBatch(rows[0]) : null;
  }

  /** First verify of a project key: binds the device and starts the validity, only if still unused. */
  async activateProjectKey(m: EntityManager, keyId: string, deviceId: string, now: Date, expiresAt: Date | null): Promise<boolean> {
    const rows = returnedRows<any>(
      await m.query(`UPDATE card_keys SET status = 'used', device_id = $2, used_at = $3, expires_at = $4 WHERE id = $1 AND status = 'unused' RETURNING id`, [keyId, deviceId, now, expiresAt]),
    );
    return rows.length > 0;
  }

  /** After an unbind: the next device binds, only if nobody bound it meanwhile. */
  async rebindDevice(m: EntityManager, keyId: string, deviceId: string): Promise<boolean> {
    const rows = returnedRows<any>(await m.query(`UPDATE card_keys SET device_id = $2 WHERE id = $1 AND status = 'used' AND device_id IS NULL RETURNING id`, [keyId, deviceId]));
    return rows.length > 0;
  }

  async unbind(m: EntityManager, keyId: string, now: Date, cooldownStartsBefore: Date): Promise<boolean> {
    const rows = returnedRows<any>(
      await m.query(
        `UPDATE card_keys SET device_id = NULL, last_unbind_at = $2, unbind_count = unbind_count + 1
          WHERE id = $1 AND status = 'used' AND device_id IS NOT NULL AND (expires_at IS NULL OR expires_at > $2)
            AND (last_unbind_at IS NULL OR last_unbind_at <= $3) RETURNING id`,
        [keyId, now, cooldownStartsBefore],
      ),
    );
    return rows.length > 0;
  }

  async searchKeys(
    m: EntityManager,
    f: { ownerIds: string[] | null; lookup?: Buffer; batchId?: string; status?: string; projectId?: string; last4?: string },
    page: PageQueryDto,
    sort: string | undefined,
  ): Promise<{ rows: Array<KeyWithBatch & { ownerName: string | null; projectName: string | null; redeemedByName: string | null }>; total: number }> {
    const p = new SqlParams();
    const where = sqlWhere([
      f.ownerIds && `b.owner_id = ANY(${p.add(f.ownerIds, 'uuid[]')})`,
      f.lookup && `k.lookup_hash = ${p.add(f.lookup)}`,
      f.batchId && `k.batch_id = ${p.add(f.batchId)}`,
      f.status && `k.status = ${p.add(f.status)}`,
      f.projectId && `b.project_id = ${p.add(f.projectId)}`,
      f.last4 && `k.last4 = ${p.add(f.last4)}`,
    ]);
    const total = Number((await m.query(`SELECT count(*)::int AS n FROM card_keys k JOIN card_batches b ON b.id = k.batch_id ${where}`, p.values))[0].n);
    const rows: any[] = await m.query(
      `SELECT ${KEY_BATCH_COLS}, ou.username AS owner_name, ru.username AS redeemed_by_name, p.name AS project_name
         FROM card_keys k JOIN card_batches b ON b.id = k.batch_id
         LEFT JOIN users ou ON ou.id = b.owner_id LEFT JOIN users ru ON ru.id = k.redeemed_by LEFT JOIN card_projects p ON p.id = b.project_id
         ${where} ${sqlOrderBy(sort, CARD_KEY_SORT)} ${p.page(page)}`,
      p.values,
    );
    return { rows: rows.map((r) => ({ ...toKeyWithBatch(r), ownerName: r.owner_name, projectName: r.project_name, redeemedByName: r.redeemed_by_name })), total };
  }

  // ---------- stats ----------
  async stats(m: EntityManager, ownerIds: string[] | null, from: Date, to: Date) {
    const params: unknown[] = [from, to];
    let scope = '';
    if (ownerIds) {
      params.push(ownerIds);
      scope = `AND b.owner_id = ANY($3::uuid[])`;
    }
    const base = `FROM card_keys k JOIN card_batches b ON b.id = k.batch_id WHERE b.created_at >= $1 AND b.created_at < $2 ${scope}`;
    const [byStatus, byLevel, byProject, byAgent, generatedByDay, usedByDay] = await Promise.all([
      m.query(`SELECT k.status AS key, count(*)::int AS n ${base} GROUP BY 1 ORDER BY 1`, params),
      m.query(`SELECT b.level AS key, count(*)::int AS n, count(*) FILTER (WHERE k.status = 'used')::int AS used ${base} AND b.kind = 'vip' GROUP BY 1 ORDER BY 1`, params),
      m.query(`SELECT p.name AS key, count(*)::int AS n, count(*) FILTER (WHERE k.status = 'used')::int AS used ${base.replace('WHERE', 'JOIN card_projects p ON p.id = b.project_id WHERE')} GROUP BY 1 ORDER BY 2 DESC LIMIT 50`, params),
      m.query(`SELECT u.username AS key, count(*)::int AS n, count(*) FILTER (WHERE k.status = 'used')::int AS used ${base.replace('WHERE', 'LEFT JOIN users u ON u.id = b.owner_id WHERE')} GROUP BY 1 ORDER BY 2 DESC LIMIT 50`, params),
      m.query(`SELECT to_char(b.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS key, count(*)::int AS n ${base} GROUP BY 1 ORDER BY 1`, params),
      m.query(
        `SELECT to_char(k.used_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS key, count(*)::int AS n FROM card_keys k JOIN card_batches b ON b.id = k.batch_id
          WHERE k.used_at >= $1 AND k.used_at < $2 ${scope} GROUP BY 1 ORDER BY 1`,
        params,
      ),
    ]);
    const pick = (rows: any[]) => rows.map((r) => ({ key: r.key === null ? '' : String(r.key), count: r.n, used: r.used ?? undefined }));
    return { byStatus: pick(byStatus), byLevel: pick(byLevel), byProject: pick(byProject), byAgent: pick(byAgent), generatedByDay: pick(generatedByDay), usedByDay: pick(usedByDay) };
  }

  // ---------- projects ----------
  async insertProject(m: EntityManager, p: { name: string; description: string; version: string; callbackUrl: string | null; apiKey: string; secretSealed: string; retailFenPer30d: bigint }): Promise<ProjectRow> {
    const rows: any[] = await m.query(
      `INSERT INTO card_projects (name, description, version, callback_url, api_key, secret_sealed, retail_fen_per30d) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PROJECT_COLS}`,
      [p.name, p.description, p.version, p.callbackUrl, p.apiKey, p.secretSealed, p.retailFenPer30d.toString()],
    );
    return toProject(rows[0]);
  }

  async project(m: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<ProjectRow | null> {
    const rows: any[] = await m.query(`SELECT ${PROJECT_COLS} FROM card_projects WHERE id = $1 ${opts.lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toProject(rows[0]) : null;
  }

  /** The id of the project with this exact name (the demo seeder's idempotency check). */
  async projectIdByName(m: EntityManager, name: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query('SELECT id FROM card_projects WHERE name = $1 ORDER BY created_at LIMIT 1', [name]);
    return rows[0]?.id ?? null;
  }

  async projectByApiKey(m: EntityManager, apiKey: string): Promise<ProjectRow | null> {
    const rows: any[] = await m.query(`SELECT ${PROJECT_COLS} FROM card_projects WHERE api_key = $1`, [apiKey]);
    return rows[0] ? toProject(rows[0]) : null;
  }

  async listProjects(m: EntityManager, opts: { enabledOnly?: boolean; id?: string }, page: PageQueryDto, sort: string | undefined): Promise<{ rows: Array<ProjectRow & { authorizedAgents: number; keyCount: number; pendingApplications: number }>; total: number }> {
    const p = new SqlParams();
    const where = sqlWhere([opts.enabledOnly && 'p.enabled', opts.id && `p.id = ${p.add(opts.id, 'uuid')}`]);
    const total = Number((await m.query(`SELECT count(*)::int AS n FROM card_projects p ${where}`, p.values))[0].n);
    const rows: any[] = await m.query(
      `SELECT p.*,
         (SELECT count(*)::int FROM card_project_authorizations a WHERE a.project_id = p.id AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())) AS authorized_agents,
         (SELECT COALESCE(sum(b.count), 0)::int FROM card_batches b WHERE b.project_id = p.id) AS key_count,
         (SELECT count(*)::int FROM card_project_applications ap WHERE ap.project_id = p.id AND ap.status = 'pending') AS pending_applications
       FROM card_projects p ${where} ${sqlOrderBy(sort, CARD_PROJECT_SORT)} ${p.page(page)}`,
      p.values,
    );
    return { rows: rows.map((r) => ({ ...toProject(r), authorizedAgents: r.authorized_agents, keyCount: r.key_count, pendingApplications: r.pending_applications })), total };
  }

  async updateProject(m: EntityManager, id: string, p: Partial<{ name: string; description: string; version: string; callbackUrl: string | null; enabled: boolean; retailFenPer30d: bigint; rateLimitPerMinute: number }>): Promise<void> {
    const sets: string[] = [];
    const params = new SqlParams([id]);
    const col: Record<string, string> = { name: 'name', description: 'description', version: 'version', callbackUrl: 'callback_url', enabled: 'enabled', retailFenPer30d: 'retail_fen_per30d', rateLimitPerMinute: 'rate_limit_per_minute' };
    for (const [k, v] of Object.entries(p)) {
      if (v === undefined || !col[k]) continue;
      sets.push(`${col[k]} = ${params.add(typeof v === 'bigint' ? v.toString() : v)}`);
    }
    if (!sets.length) return;
    await m.query(`UPDATE card_projects SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params.values);
  }

  async setProjectCredentials(m: EntityManager, id: string, apiKey: string, secretSealed: string): Promise<void> {
    await m.query(`UPDATE card_projects SET api_key = $2, secret_sealed = $3, updated_at = now() WHERE id = $1`, [id, apiKey, secretSealed]);
  }

  async upsertAuthorization(m: EntityManager, projectId: string, agentId: string, expiresAt: Date | null, grantedBy: string): Promise<{ id: string; createdAt: Date }> {
    const rows: any[] = await m.query(
      `INSERT INTO card_project_authorizations (project_id, agent_id, expires_at, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id, agent_id) DO UPDATE SET expires_at = EXCLUDED.expires_at, granted_by = EXCLUDED.granted_by, revoked_at = NULL
       RETURNING id, created_at`,
      [projectId, agentId, expiresAt, grantedBy],
    );
    return { id: rows[0].id, createdAt: rows[0].created_at };
  }

  async revokeAuthorization(m: EntityManager, projectId: string, agentId: string, at: Date): Promise<boolean> {
    return returnedRows<any>(await m.query(`UPDATE card_project_authorizations SET revoked_at = $3 WHERE project_id = $1 AND agent_id = $2 AND revoked_at IS NULL RETURNING id`, [projectId, agentId, at])).length > 0;
  }

  async activeAuthorization(m: EntityManager, projectId: string, agentId: string, now: Date): Promise<{ id: string; expiresAt: Date | null } | null> {
    const rows: any[] = await m.query(
      `SELECT id, expires_at FROM card_project_authorizations WHERE project_id = $1 AND agent_id = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
      [projectId, agentId, now],
    );
    return rows[0] ? { id: rows[0].id, expiresAt: rows[0].expires_at } : null;
  }

  async authorizations(m: EntityManager, projectId: string): Promise<Array<{ id: string; agentId: string; agentName: string | null; expiresAt: Date | null; revokedAt: Date | null; createdAt: Date }>> {
    const rows: any[] = await m.query(
      `SELECT a.id, a.agent_id, u.username, a.expires_at, a.revoked_at, a.created_at FROM card_project_authorizations a LEFT JOIN users u ON u.id = a.agent_id WHERE a.project_id = $1 ORDER BY a.created_at DESC`,
      [projectId],
    );
    return rows.map((r) => ({ id: r.id, agentId: r.agent_id, agentName: r.username, expiresAt: r.expires_at, revokedAt: r.revoked_at, createdAt: r.created_at }));
  }

  /** Enabled projects with the agent's authorisation and latest application, for the agent's page. */
  async projectsForAgent(m: EntityManager, agentId: string, now: Date): Promise<Array<{ id: string; name: string; description: string; version: string; authorizedUntil: Date | null; authorized: boolean; applicationStatus: string | null }>> {
    const rows: any[] = await m.query(
      `SELECT p.id, p.name, p.description, p.version,
              a.expires_at, (a.id IS NOT NULL) AS authorized,
              (SELECT ap.status FROM card_project_applications ap WHERE ap.project_id = p.id AND ap.agent_id = $1 ORDER BY ap.created_at DESC LIMIT 1) AS application_status
         FROM card_projects p
         LEFT JOIN card_project_authorizations a ON a.project_id = p.id AND a.agent_id = $1 AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > $2)
        WHERE p.enabled ORDER BY p.name`,
      [agentId, now],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, version: r.version, authorizedUntil: r.expires_at, authorized: r.authorized, applicationStatus: r.application_status }));
  }

  async insertApplication(m: EntityManager, projectId: string, agentId: string, reason: string): Promise<{ id: string; createdAt: Date }> {
    const rows: any[] = await m.query(`INSERT INTO card_project_applications (project_id, agent_id, reason) VALUES ($1, $2, $3) RETURNING id, created_at`, [projectId, agentId, reason]);
    return { id: rows[0].id, createdAt: rows[0].created_at };
  }

  async application(m: EntityManager, id: string, opts: { lock?: boolean } = {}): Promise<{ id: string; projectId: string; agentId: string; reason: string; status: string } | null> {
    const rows: any[] = await m.query(`SELECT id, project_id, agent_id, reason, status FROM card_project_applications WHERE id = $1 ${opts.lock ? 'FOR UPDATE' : ''}`, [id]);
    const r = rows[0];
    return r ? { id: r.id, projectId: r.project_id, agentId: r.agent_id, reason: r.reason, status: r.status } : null;
  }

  async decideApplication(m: EntityManager, id: string, status: 'approved' | 'refused', by: string, at: Date, note: string | null): Promise<boolean> {
    return returnedRows<any>(
      await m.query(`UPDATE card_project_applications SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5 WHERE id = $1 AND status = 'pending' RETURNING id`, [id, status, by, at, note]),
    ).length > 0;
  }

  async listApplications(m: EntityManager, f: { agentIds: string[] | null; status?: string; projectId?: string }, page: PageQueryDto) {
    const p = new SqlParams();
    const where = sqlWhere([
      f.agentIds && `ap.agent_id = ANY(${p.add(f.agentIds, 'uuid[]')})`,
      f.status && `ap.status = ${p.add(f.status)}`,
      f.projectId && `ap.project_id = ${p.add(f.projectId)}`,
    ]);
    const total = Number((await m.query(`SELECT count(*)::int AS n FROM card_project_applications ap ${where}`, p.values))[0].n);
    const rows: any[] = await m.query(
      `SELECT ap.*, p.name AS project_name, u.username AS agent_name, d.username AS decided_by_name
         FROM card_project_applications ap JOIN card_projects p ON p.id = ap.project_id LEFT JOIN users u ON u.id = ap.agent_id LEFT JOIN users d ON d.id = ap.decided_by
         ${where} ORDER BY ap.created_at DESC, ap.id ${p.page(page)}`,
      p.values,
    );
    return {
      rows: rows.map((r) => ({
        id: r.id as string,
        projectId: r.project_id as string,
        projectName: r.project_name as string,
        agentId: r.agent_id as string,
        agentName: r.agent_name as string | null,
        reason: r.reason as string,
        status: r.status as string,
        decidedByName: r.decided_by_name as string | null,
        decidedAt: r.decided_at as Date | null,
        decisionNote: r.decision_note as string | null,
        createdAt: r.created_at as Date,
      })),
      total,
    };
  }

  // ---------- open API guards ----------
  /** Counts one call in the project's current minute; returns the count. */
  async countCall(m: EntityManager, projectId: string, minute: Date): Promise<number> {
    const rows: any[] = await m.query(
      `INSERT INTO card_api_usage (project_id, minute, calls) VALUES ($1, $2, 1) ON CONFLICT (project_id, minute) DO UPDATE SET calls = card_api_usage.calls + 1 RETURNING calls`,
      [projectId, minute],
    );
    return rows[0].calls;
  }

  async banProject(m: EntityManager, projectId: string, until: Date): Promise<void> {
    await m.query(`UPDATE card_projects SET banned_until = $2 WHERE id = $1`, [projectId, until]);
  }

  /** True when the nonce was new (inserted); false on a replay. */
  async useNonce(m: EntityManager, projectId: string, nonce: string, at: Date): Promise<boolean> {
    const rows: any[] = await m.query(`INSERT INTO card_api_nonces (project_id, nonce, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce`, [projectId, nonce, at]);
    return rows.length > 0;
  }

  async pruneGuards(m: EntityManager, nonceBefore: Date, usageBefore: Date): Promise<void> {
    await m.query(`DELETE FROM card_api_nonces WHERE at < $1`, [nonceBefore]);
    await m.query(`DELETE FROM card_api_usage WHERE minute < $1`, [usageBefore]);
  }

  async logVerification(m: EntityManager, e: { at: Date; projectId: string; keyId: string | null; ownerId: string | null; action: 'verify' | 'query'; deviceId: string | null; ip: string | null; result: string }): Promise<void> {
    await m.query(`INSERT INTO card_verification_logs (at, project_id, key_id, owner_id, action, device_id, ip, result) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      e.at,
      e.projectId,
      e.keyId,
      e.ownerId,
      e.action,
      e.deviceId,
      e.ip,
      e.result,
    ]);
  }

  async verificationLogs(m: EntityManager, f: { ownerIds: string[] | null; projectId?: string; keyId?: string; result?: string }, page: PageQueryDto, sort: string | undefined) {
    const p = new SqlParams();
    const where = sqlWhere([
      f.ownerIds && `v.owner_id = ANY(${p.add(f.ownerIds, 'uuid[]')})`,
      f.projectId && `v.project_id = ${p.add(f.projectId)}`,
      f.keyId && `v.key_id = ${p.add(f.keyId)}`,
      f.result && `v.result = ${p.add(f.result)}`,
    ]);
    const total = Number((await m.query(`SELECT count(*)::int AS n FROM card_verification_logs v ${where}`, p.values))[0].n);
    const rows: any[] = await m.query(
      `SELECT v.*, p.name AS project_name, k.last4 FROM card_verification_logs v JOIN card_projects p ON p.id = v.project_id LEFT JOIN card_keys k ON k.id = v.key_id
        ${where} ${sqlOrderBy(sort, CARD_VERIFICATION_SORT)} ${p.page(page)}`,
      p.values,
    );
    return {
      rows: rows.map((r) => ({
        id: String(r.id),
        at: r.at as Date,
        projectId: r.project_id as string,
        projectName: r.project_name as string,
        keyId: r.key_id as string | null,
        last4: r.last4 as string | null,
        action: r.action as string,
        deviceId: r.device_id as string | null,
        ip: r.ip as string | null,
        result: r.result as string,
      })),
      total,
    };
  }

  // ---------- redeem throttle ----------
  async throttle(m: EntityManager, subject: string, opts: { lock?: boolean } = {}): Promise<{ failures: number; windowStart: Date; lockedUntil: Date | null } | null> {
    const rows: any[] = await m.query(`SELECT failures, window_start, locked_until FROM card_redeem_throttles WHERE subject = $1 ${opts.lock ? 'FOR UPDATE' : ''}`, [subject]);
    const r = rows[0];
    return r ? { failures: r.failures, windowStart: r.window_start, lockedUntil: r.locked_until } : null;
  }

  async saveThrottle(m: EntityManager, subject: string, s: { failures: number; windowStart: Date; lockedUntil: Date | null }): Promise<void> {
    await m.query(
      `INSERT INTO card_redeem_throttles (subject, failures, window_start, locked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject) DO UPDATE SET failures = EXCLUDED.failures, window_start = EXCLUDED.window_start, locked_until = EXCLUDED.locked_until`,
      [subject, s.failures, s.windowStart, s.lockedUntil],
    );
  }

  async clearThrottle(m: EntityManager, subject: string): Promise<void> {
    await m.query(`DELETE FROM card_redeem_throttles WHERE subject = $1`, [subject]);
  }
}
