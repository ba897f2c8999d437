import type { TestApp } from '../setup/test-app.js';

/** Row counts of the ledger tables: "nothing written" checks. */
export async function ledgerCounts(t: TestApp) {
  const r = await t.db.query(
    `SELECT (SELECT count(*) FROM ledger_transfers)::int AS transfers, (SELECT count(*) FROM ledger_entries)::int AS entries,
            (SELECT count(*) FROM ledger_withdrawals)::int AS withdrawals, (SELECT COALESCE(sum(available_fen), 0)::text FROM ledger_accounts) AS avail,
            (SELECT COALESCE(sum(frozen_fen), 0)::text FROM ledger_accounts) AS frozen, (SELECT count(*) FROM ledger_settings)::int AS settings,
            (SELECT count(*) FROM agent_profiles)::int AS agents, (SELECT count(*) FROM users)::int AS users`,
  );
  return r.rows[0];
}
