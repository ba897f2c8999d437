import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../common/sql.js';
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

  /** Inserts the transfer unless its idempotency key exists; returns its id when inserted. */
  async insertTransfer(m: EntityManager, t: NewTransfer): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO ledger_transfers (idempotency_key, request_hash, type, status, from_account_id, to_account_id, amount_fen, hold, reference, note, operator_id, reverses_id, created_at, resolved_at)
       VALUES ($1, $2, $3, $4::varchar, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz, $14::timestamptz)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [t.idempotencyKey, t.requestHash, t.type, t.status, t.fromAccountId, t.toAccountId, t.amountFen.toString(), t.hold, t.reference, t.note, t.operatorId, t.reversesId, t.at, t.status === 'posted' ? t.at : null],
    );
    return rows[0]?.id ?? null;
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

  /** available −= amount; with `guard`, only when available ≥ amount. Returns false when refused. */
  async debitAvailable(m: EntityManager, accountId: string, amount: bigint, guard: boolean): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE ledger_accounts SET available_fen = available_fen - $2::bigint WHERE id = $1${guard ? ' AND available_fen >= $2::bigint' : ''} RETURNING id`,
        [accountId, amount.toString()],
      ),
    );
    return rows.length === 1;
  },

  async creditAvailable(m: EntityManager, accountId: string, amount: bigint): Promise<void> {
    await m.query('UPDATE ledger_accounts SET available_fen = available_fen + $2::bigint WHERE id = $1', [accountId, amount.toString()]);
  },

  /** Freeze: available → frozen (guarded for agents). */
  async freeze(m: EntityManager, accountId: string, amount: bigint, guard: boolean): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE ledger_accounts SET available_fen = available_fen - $2::bigint, frozen_fen = frozen_fen + $2::bigint WHERE id = $1${guard ? ' AND available_fen >= $2::bigint' : ''} RETURNING id`,
        [accountId, amount.toString()],
      ),
    );
    return rows.length === 1;
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
};
