import type { EntityManager } from 'typeorm';
import type { LedgerTransferDto } from '@zhice/shared';
import { SqlParams, sqlOrderBy, sqlWhere } from '../../common/list-query.js';
import type { PageQueryDto } from '../../common/pagination.js';
import { returnedRows } from '../../common/sql.js';
import { TRANSFER_SORT, WITHDRAWAL_SORT } from './domain/list-sorts.js';
import type { LedgerAccountKind } from './entities/ledger-account.entity.js';

export interface AccountRow {
  id: string;
  kind: LedgerAccountKind;
  userId: string | null;
}
export interface TransferHead {
  id: string;
  status: 'pending' | 'posted' | 'voided';
  amountFen: bigint;
  requestHash: string;
  type: string;
  fromAccountId: string;
  toAccountId: string;
}
export interface NewTransfer {
  idempotencyKey: string;
  requestHash: string;
  type: string;
  status: 'pending' | 'posted';
  fromAccountId: string;
  toAccountId: string;
  amountFen: bigint;
  hold: string | null;
  reference: string | null;
  note: string | null;
  operatorId: string | null;
  reversesId: string | null;
  at: Date;
}

const HEAD = `id, status, amount_fen AS "amountFen", request_hash AS "requestHash", type, from_account_id AS "fromAccountId", to_account_id AS "toAccountId"`;
const toHead = (r: TransferHead & { amountFen: string | bigint }): TransferHead => ({ ...r, amountFen: BigInt(r.amountFen), fromAccountId: String(r.fromAccountId), toAccountId: String(r.toAccountId) });

/** Every SQL statement of the ledger's postings. Amounts go to PostgreSQL as decimal strings. */
export const LedgerStore = {
  async accountByCode(m: EntityManager, code: string): Promise<AccountRow | null> {
    const rows: AccountRow[] = await m.query('SELECT id::text AS id, kind, user_id AS "userId" FROM ledger_accounts WHERE code = $1', [code]);
    return rows[0] ?? null;
  },

  /** Creates the account unless it exists; returns the row when this call inserted it. */
  async insertAccount(m: EntityManager, code: string, kind: LedgerAccountKind, userId: string | null): Promise<AccountRow | null> {
    const rows: AccountRow[] = await m.query(
      `INSERT INTO ledger_accounts (code, kind, user_id) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id::text AS id, kind, user_id AS "userId"`,
      [code, kind, userId],
    );
    return rows[0] ?? null;
  },

  /**
   * The first statement of a posting: inserts the transfer (unless its key exists) and applies the
   * first account update in lock order — one round trip. `first.delta` < 0 is a debit, guarded
   * when `first.guard`. Answers the new id (null when the key existed) and whether the update applied.
   */
  async insertTransferAndUpdate(
    m: EntityManager,
    t: NewTransfer,
    first: { accountId: string; availableDelta: bigint; frozenDelta: bigint; guard: boolean },
  ): Promise<{ id: string | null; applied: boolean }> {
    const rows: Array<{ id: string | null; applied: boolean }> = await m.query(
      `WITH ins AS (
         INSERT INTO ledger_transfers (idempotency_key, request_hash, type, status, from_account_id, to_account_id, amount_fen, hold, reference, note, operator_id, reverses_id, created_at, resolved_at)
         VALUES ($1, $2, $3, $4::varchar, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz, $14::timestamptz)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id),
       upd AS (
         UPDATE ledger_accounts SET available_fen = available_fen + $16::bigint, frozen_fen = frozen_fen + $17::bigint
          WHERE id = $15 AND EXISTS (SELECT 1 FROM ins)${first.guard ? ' AND available_fen + $16::bigint >= 0' : ''} RETURNING id)
       SELECT (SELECT id FROM ins) AS id, EXISTS (SELECT 1 FROM upd) AS applied`,
      [t.idempotencyKey, t.requestHash, t.type, t.status, t.fromAccountId, t.toAccountId, t.amountFen.toString(), t.hold, t.reference, t.note, t.operatorId, t.reversesId, t.at, t.status === 'posted' ? t.at : null,
        first.accountId, first.availableDelta.toString(), first.frozenDelta.toString()],
    );
    return { id: rows[0]?.id ?? null, applied: rows[0]?.applied === true };
  },

  /**
   * The second statement of a posting: the other account's update (guarded when it is a debit)
   * and, when `legs`, the two entries — written only if the update applied. Returns whether it applied.
   */
  async updateAndLegs(
    m: EntityManager,
    second: { accountId: string; availableDelta: bigint; frozenDelta: bigint; guard: boolean },
    legs: { transferId: string; fromAccountId: string; toAccountId: string; amount: bigint; at: Date } | null,
  ): Promise<boolean> {
    const params: unknown[] = [second.accountId, second.availableDelta.toString(), second.frozenDelta.toString()];
    let entries = '';
    if (legs) {
      params.push(legs.transferId, legs.toAccountId, legs.fromAccountId, legs.amount.toString(), legs.at);
      entries = `, ent AS (INSERT INTO ledger_entries (transfer_id, account_id, amount_fen, at)
                   SELECT $4::uuid, x.a, x.v, $8::timestamptz FROM (VALUES ($5::bigint, $7::bigint), ($6::bigint, -$7::bigint)) x(a, v)
                    WHERE EXISTS (SELECT 1 FROM upd))`;
    }
    const rows: Array<{ applied: boolean }> = await m.query(
      `WITH upd AS (
         UPDATE ledger_accounts SET available_fen = available_fen + $2::bigint, frozen_fen = frozen_fen + $3::bigint
          WHERE id = $1${second.guard ? ' AND available_fen + $2::bigint >= 0' : ''} RETURNING id)${entries}
       SELECT EXISTS (SELECT 1 FROM upd) AS applied`,
      params,
    );
    return rows[0]?.applied === true;
  },



  async transferByKey(m: EntityManager, key: string): Promise<TransferHead | null> {
    const rows: Array<TransferHead & { amountFen: string }> = await m.query(`SELECT ${HEAD} FROM ledger_transfers WHERE idempotency_key = $1`, [key]);
    return rows[0] ? toHead(rows[0]) : null;
  },

  async transferById(m: EntityManager, id: string): Promise<TransferHead | null> {
    const rows: Array<TransferHead & { amountFen: string }> = await m.query(`SELECT ${HEAD} FROM ledger_transfers WHERE id = $1`, [id]);
    return rows[0] ? toHead(rows[0]) : null;
  },

  /** The one resolution of a pending transfer: succeeds for exactly one caller. */
  async resolveTransfer(m: EntityManager, id: string, to: 'posted' | 'voided', at: Date, by: string | null): Promise<TransferHead | null> {
    const rows = returnedRows<TransferHead & { amountFen: string }>(
      await m.query(
        `UPDATE ledger_transfers SET status = $2, resolved_at = $3, resolved_by = $4 WHERE id = $1 AND status = 'pending' RETURNING ${HEAD}`,
        [id, to, at, by],
      ),
    );
    return rows[0] ? toHead(rows[0]) : null;
  },



  async creditAvailable(m: EntityManager, accountId: string, amount: bigint): Promise<void> {
    await m.query('UPDATE ledger_accounts SET available_fen = available_fen + $2::bigint WHERE id = $1', [accountId, amount.toString()]);
  },



  /** frozen −= amount, and back to available when `release`. */
  async unfreeze(m: EntityManager, accountId: string, amount: bigint, release: boolean): Promise<void> {
    await m.query(
      `UPDATE ledger_accounts SET frozen_fen = frozen_fen - $2::bigint${release ? ', available_fen = available_fen + $2::bigint' : ''} WHERE id = $1`,
      [accountId, amount.toString()],
    );
  },

  async insertLegs(m: EntityManager, transferId: string, fromAccountId: string, toAccountId: string, amount: bigint, at: Date): Promise<void> {
    await m.query('INSERT INTO ledger_entries (transfer_id, account_id, amount_fen, at) VALUES ($1, $2, $4::bigint, $5), ($1, $3, -$4::bigint, $5)', [
      transferId,
      toAccountId,
      fromAccountId,
      amount.toString(),
      at,
    ]);
  },

  async balanceOfUser(m: EntityManager, userId: string): Promise<{ availableFen: bigint; frozenFen: bigint } | null> {
    const rows: Array<{ a: string; f: string }> = await m.query('SELECT available_fen AS a, frozen_fen AS f FROM ledger_accounts WHERE user_id = $1', [userId]);
    return rows[0] ? { availableFen: BigInt(rows[0].a), frozenFen: BigInt(rows[0].f) } : null;
  },

  async balancesOfUsers(m: EntityManager, userIds: string[]): Promise<Map<string, { availableFen: bigint; frozenFen: bigint }>> {
    if (!userIds.length) return new Map();
    const rows: Array<{ u: string; a: string; f: string }> = await m.query(
      'SELECT user_id AS u, available_fen AS a, frozen_fen AS f FROM ledger_accounts WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    return new Map(rows.map((r) => [r.u, { availableFen: BigInt(r.a), frozenFen: BigInt(r.f) }]));
  },

  async agentUserIdsOfAccounts(m: EntityManager, accountIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; u: string }> = await m.query(
      `SELECT id::text AS id, user_id AS u FROM ledger_accounts WHERE id = ANY($1::bigint[]) AND user_id IS NOT NULL`,
      [accountIds],
    );
    return new Map(rows.map((r) => [r.id, r.u]));
  },

  // ---- operations ---------------------------------------------------------------------------

  async accountById(m: EntityManager, id: string): Promise<AccountRow | null> {
    const rows: AccountRow[] = await m.query('SELECT id::text AS id, kind, user_id AS "userId" FROM ledger_accounts WHERE id = $1', [id]);
    return rows[0] ?? null;
  },

  async countTransfersFromSince(m: EntityManager, accountId: string, type: string, since: Date): Promise<number> {
    const rows: Array<{ n: number }> = await m.query(
      'SELECT count(*)::int AS n FROM ledger_transfers WHERE from_account_id = $1 AND type = $2 AND created_at >= $3',
      [accountId, type, since],
    );
    return rows[0]?.n ?? 0;
  },

  async transferRow(m: EntityManager, id: string): Promise<(TransferHead & { hold: string | null; reversesId: string | null }) | null> {
    const rows: Array<TransferHead & { amountFen: string; hold: string | null; reversesId: string | null }> = await m.query(
      `SELECT ${HEAD}, hold, reverses_id AS "reversesId" FROM ledger_transfers WHERE id = $1`,
      [id],
    );
    return rows[0] ? { ...toHead(rows[0]), hold: rows[0].hold, reversesId: rows[0].reversesId } : null;
  },

  async insertWithdrawal(m: EntityManager, w: { id: string; agentId: string; amountFen: bigint; accountSealed: string; accountMasked: string; at: Date }): Promise<void> {
    await m.query(
      `INSERT INTO ledger_withdrawals (id, agent_id, amount_fen, status, account_sealed, account_masked, created_at) VALUES ($1, $2, $3, 'pending', $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [w.id, w.agentId, w.amountFen.toString(), w.accountSealed, w.accountMasked, w.at],
    );
  },

  async withdrawalHead(m: EntityManager, id: string): Promise<{ id: string; agentId: string; status: string; amountFen: bigint } | null> {
    const rows: Array<{ id: string; agentId: string; status: string; amountFen: string }> = await m.query(
      'SELECT id, agent_id AS "agentId", status, amount_fen AS "amountFen" FROM ledger_withdrawals WHERE id = $1',
      [id],
    );
    return rows[0] ? { ...rows[0], amountFen: BigInt(rows[0].amountFen) } : null;
  },

  /** The one decision of a withdrawal: succeeds for exactly one caller. */
  async decideWithdrawal(m: EntityManager, id: string, status: 'approved' | 'rejected', reason: string | null, by: string, at: Date): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE ledger_withdrawals SET status = $2, reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND status = 'pending' RETURNING id`,
        [id, status, reason, by, at],
      ),
    );
    return rows.length === 1;
  },

  async withdrawalSealed(m: EntityManager, id: string): Promise<string | null> {
    const rows: Array<{ s: string }> = await m.query('SELECT account_sealed AS s FROM ledger_withdrawals WHERE id = $1', [id]);
    return rows[0]?.s ?? null;
  },

  async settings(m: EntityManager): Promise<{ minTransferFen: string; minWithdrawalFen: string; riskHoldAmountFen: string; riskHoldPerHour: number } | null> {
    const rows: Array<{ minTransferFen: string; minWithdrawalFen: string; riskHoldAmountFen: string; riskHoldPerHour: number }> = await m.query(
      `SELECT min_transfer_fen AS "minTransferFen", min_withdrawal_fen AS "minWithdrawalFen", risk_hold_amount_fen AS "riskHoldAmountFen", risk_hold_per_hour AS "riskHoldPerHour" FROM ledger_settings WHERE id = 1`,
    );
    return rows[0] ?? null;
  },

  async saveSettings(m: EntityManager, s: { minTransferFen: number; minWithdrawalFen: number; riskHoldAmountFen: number; riskHoldPerHour: number }, by: string, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO ledger_settings (id, min_transfer_fen, min_withdrawal_fen, risk_hold_amount_fen, risk_hold_per_hour, updated_by, updated_at) VALUES (1, $1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET min_transfer_fen = $1, min_withdrawal_fen = $2, risk_hold_amount_fen = $3, risk_hold_per_hour = $4, updated_by = $5, updated_at = $6`,
      [s.minTransferFen, s.minWithdrawalFen, s.riskHoldAmountFen, s.riskHoldPerHour, by, at],
    );
  },

  /** Serialises settings edits (a row lock on the one settings row). */
  async lockSettings(m: EntityManager): Promise<void> {
    await m.query('SELECT 1 FROM ledger_settings WHERE id = 1 FOR UPDATE');
  },
};


// ---- reads (lists, statements, stats, invariants) --------------------------------------------
// Usernames come from a read-only join on `users` (lists show who moved money to whom).

export interface TransferFilter {
  /** only transfers touching one of these accounts (null = all) */
  accountIds: string[] | null;
  type?: string;
  status?: string;
  hold?: string;
  from?: Date;
  to?: Date;
}

/** `LedgerTransferDto` as the driver returns it: bigint fen as text, times as Dates, type as stored. */
export interface TransferListRow extends Omit<LedgerTransferDto, 'type' | 'amountFen' | 'createdAt' | 'resolvedAt'> {
  type: string;
  amountFen: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface InvariantCounts {
  sumFen: string;
  negativeAccounts: number;
  unresolvedPending: number;
  frozenMismatches: number;
  balanceMismatches: number;
  badTransfers: number;
}

export const LedgerReadStore = {
  async accountIdsOfUsers(m: EntityManager, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: Array<{ id: string }> = await m.query('SELECT id::text AS id FROM ledger_accounts WHERE user_id = ANY($1::uuid[])', [userIds]);
    return rows.map((r) => r.id);
  },

  async listTransfers(m: EntityManager, f: TransferFilter, sort: string | undefined, page: PageQueryDto): Promise<{ items: TransferListRow[]; total: number }> {
    const p = new SqlParams();
    const accounts = f.accountIds && p.add(f.accountIds, 'bigint[]');
    const where = sqlWhere([
      accounts && `(t.from_account_id = ANY(${accounts}) OR t.to_account_id = ANY(${accounts}))`,
      f.type && `t.type = ${p.add(f.type)}`,
      f.status && `t.status = ${p.add(f.status)}`,
      f.hold && `t.hold = ${p.add(f.hold)} AND t.status = 'pending'`,
      f.from && `t.created_at >= ${p.add(f.from)}`,
      f.to && `t.created_at < ${p.add(f.to)}`,
    ]);
    const total = ((await m.query(`SELECT count(*)::int AS n FROM ledger_transfers t ${where}`, p.values)) as Array<{ n: number }>)[0]?.n ?? 0;
    const items: TransferListRow[] = await m.query(
      `SELECT t.id, t.type, t.status, t.amount_fen::text AS "amountFen", fa.kind AS "fromKind", fa.user_id AS "fromUserId", fu.username AS "fromUsername",
              ta.kind AS "toKind", ta.user_id AS "toUserId", tu.username AS "toUsername", t.hold, t.reference, t.note, t.operator_id AS "operatorId",
              t.created_at AS "createdAt", t.resolved_at AS "resolvedAt"
         FROM ledger_transfers t
         JOIN ledger_accounts fa ON fa.id = t.from_account_id LEFT JOIN users fu ON fu.id = fa.user_id
         JOIN ledger_accounts ta ON ta.id = t.to_account_id LEFT JOIN users tu ON tu.id = ta.user_id
         ${where} ${sqlOrderBy(sort, TRANSFER_SORT)} ${p.page(page)}`,
      p.values,
    );
    return { items, total };
  },

  async listWithdrawals(
    m: EntityManager,
    f: { agentIds: string[] | null; status?: string },
    sort: string | undefined,
    page: PageQueryDto,
  ): Promise<{ items: Array<{ id: string; agentId: string; agentUsername: string; amountFen: string; status: string; accountMasked: string; reason: string | null; decidedBy: string | null; decidedAt: Date | null; createdAt: Date }>; total: number }> {
    const p = new SqlParams();
    const where = sqlWhere([f.agentIds && `w.agent_id = ANY(${p.add(f.agentIds, 'uuid[]')})`, f.status && `w.status = ${p.add(f.status)}`]);
    const total = ((await m.query(`SELECT count(*)::int AS n FROM ledger_withdrawals w ${where}`, p.values)) as Array<{ n: number }>)[0]?.n ?? 0;
    const items = await m.query(
      `SELECT w.id, w.agent_id AS "agentId", u.username AS "agentUsername", w.amount_fen::text AS "amountFen", w.status, w.account_masked AS "accountMasked",
              w.reason, w.decided_by AS "decidedBy", w.decided_at AS "decidedAt", w.created_at AS "createdAt"
         FROM ledger_withdrawals w LEFT JOIN users u ON u.id = w.agent_id ${where}
         ${sqlOrderBy(sort, WITHDRAWAL_SORT)} ${p.page(page)}`,
      p.values,
    );
    return { items, total };
  },

  /** Sum of an account's entries before `at` (exclusive). */
  async balanceBefore(m: EntityManager, accountId: string, at: Date): Promise<bigint> {
    const rows: Array<{ s: string }> = await m.query('SELECT COALESCE(sum(amount_fen), 0)::text AS s FROM ledger_entries WHERE account_id = $1 AND at < $2', [accountId, at]);
    return BigInt(rows[0]?.s ?? '0');
  },

  /** Entries of an account in [from, to), with the running balance after each (from the period's opening). */
  async statementItems(
    m: EntityManager,
    accountId: string,
    from: Date,
    to: Date,
    offset: number,
    limit: number | null,
  ): Promise<{ items: Array<{ entryId: string; transferId: string; at: Date; type: string; amountFen: string; runFen: string; counterparty: string | null; note: string | null }>; total: number }> {
    const total = ((await m.query('SELECT count(*)::int AS n FROM ledger_entries WHERE account_id = $1 AND at >= $2 AND at < $3', [accountId, from, to])) as Array<{ n: number }>)[0]?.n ?? 0;
    const p = new SqlParams([accountId, from, to]);
    const items = await m.query(
      `SELECT x.* FROM (
         SELECT e.id::text AS "entryId", e.transfer_id AS "transferId", e.at, t.type, e.amount_fen::text AS "amountFen",
                (sum(e.amount_fen) OVER (ORDER BY e.at, e.id))::text AS "runFen",
                COALESCE(cu.username, ca.kind) AS counterparty, t.note
           FROM ledger_entries e
           JOIN ledger_transfers t ON t.id = e.transfer_id
           JOIN ledger_entries ce ON ce.transfer_id = e.transfer_id AND ce.account_id <> e.account_id
           JOIN ledger_accounts ca ON ca.id = ce.account_id LEFT JOIN users cu ON cu.id = ca.user_id
          WHERE e.account_id = $1 AND e.at >= $2 AND e.at < $3) x
        ORDER BY x.at, x."entryId"::bigint ${limit === null ? '' : `LIMIT ${p.add(limit, 'int')} OFFSET ${p.add(offset, 'int')}`}`,
      p.values,
    );
    return { items, total };
  },

  /** Money in/out per Asia/Shanghai day and type over the given accounts (null = agent accounts). */
  async stats(m: EntityManager, accountIds: string[] | null, from: Date, to: Date): Promise<Array<{ day: string; type: string; inFen: string; outFen: string; count: number }>> {
    return m.query(
      `SELECT to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, t.type,
              COALESCE(sum(e.amount_fen) FILTER (WHERE e.amount_fen > 0), 0)::text AS "inFen",
              COALESCE(-sum(e.amount_fen) FILTER (WHERE e.amount_fen < 0), 0)::text AS "outFen",
              count(DISTINCT e.transfer_id)::int AS count
         FROM ledger_entries e JOIN ledger_transfers t ON t.id = e.transfer_id JOIN ledger_accounts a ON a.id = e.account_id
        WHERE e.at >= $1 AND e.at < $2 AND ${accountIds ? 'e.account_id = ANY($3::bigint[])' : "a.kind = 'agent'"}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      accountIds ? [from, to, accountIds] : [from, to],
    );
  },

  async platformAccounts(m: EntityManager): Promise<Array<{ kind: string; availableFen: string; frozenFen: string }>> {
    return m.query(`SELECT kind, available_fen::text AS "availableFen", frozen_fen::text AS "frozenFen" FROM ledger_accounts WHERE kind <> 'agent' ORDER BY id`);
  },

  /** Every invariant in one snapshot (REPEATABLE READ by the caller). */
  async invariants(m: EntityManager): Promise<InvariantCounts> {
    const [row] = (await m.query(`
      SELECT
        (SELECT COALESCE(sum(available_fen + frozen_fen), 0)::text FROM ledger_accounts) AS "sumFen",
        (SELECT count(*)::int FROM ledger_accounts WHERE (kind = 'agent' AND available_fen < 0) OR frozen_fen < 0) AS "negativeAccounts",
        (SELECT count(*)::int FROM ledger_transfers WHERE status = 'pending') AS "unresolvedPending",
        (SELECT count(*)::int FROM ledger_accounts a
           LEFT JOIN (SELECT from_account_id AS id, sum(amount_fen) AS s FROM ledger_transfers WHERE status = 'pending' GROUP BY 1) p ON p.id = a.id
          WHERE a.frozen_fen <> COALESCE(p.s, 0)) AS "frozenMismatches",
        (SELECT count(*)::int FROM ledger_accounts a
           LEFT JOIN (SELECT account_id AS id, sum(amount_fen) AS s FROM ledger_entries GROUP BY 1) e ON e.id = a.id
          WHERE a.available_fen + a.frozen_fen <> COALESCE(e.s, 0)) AS "balanceMismatches",
        (SELECT count(*)::int FROM ledger_transfers t
           LEFT JOIN (SELECT le.transfer_id, count(*) AS n, sum(le.amount_fen) AS s,
                             bool_or(le.account_id = tt.from_account_id AND le.amount_fen = -tt.amount_fen) AS debit_ok,
                             bool_or(le.account_id = tt.to_account_id AND le.amount_fen = tt.amount_fen) AS credit_ok
                        FROM ledger_entries le JOIN ledger_transfers tt ON tt.id = le.transfer_id GROUP BY le.transfer_id) e ON e.transfer_id = t.id
          WHERE (t.status = 'posted' AND (e.n IS DISTINCT FROM 2 OR e.s <> 0 OR NOT e.debit_ok OR NOT e.credit_ok))
             OR (t.status <> 'posted' AND e.n IS NOT NULL)) AS "badTransfers"
    `)) as InvariantCounts[];
    return row!;
  },

  async insertCheck(m: EntityManager, at: Date, ok: boolean, result: object): Promise<void> {
    await m.query('INSERT INTO ledger_checks (checked_at, ok, result) VALUES ($1, $2, $3)', [at, ok, JSON.stringify(result)]);
  },

  async latestCheck(m: EntityManager): Promise<object | null> {
    const rows: Array<{ result: object }> = await m.query('SELECT result FROM ledger_checks ORDER BY checked_at DESC, id DESC LIMIT 1');
    return rows[0]?.result ?? null;
  },
};
