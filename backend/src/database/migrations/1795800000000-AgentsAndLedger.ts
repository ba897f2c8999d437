import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgentsAndLedger1795800000000 implements MigrationInterface {
  name = 'AgentsAndLedger1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agent_profiles" ("user_id" uuid NOT NULL, "parent_id" uuid, "path" character varying(1024) COLLATE "C" NOT NULL, "depth" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_agent_profiles_depth" CHECK ("depth" >= 0), CONSTRAINT "PK_a3f917737285aca9254a8fa34ea" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_agent_profiles_parent" ON "agent_profiles"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "ix_agent_profiles_path" ON "agent_profiles"  ("path") `);
    await queryRunner.query(`CREATE TABLE "ledger_accounts" ("id" BIGSERIAL NOT NULL, "code" character varying(64) NOT NULL, "kind" character varying(24) NOT NULL, "user_id" uuid, "available_fen" bigint NOT NULL DEFAULT '0', "frozen_fen" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_ledger_accounts_user" CHECK (("kind" = 'agent') = ("user_id" IS NOT NULL)), CONSTRAINT "ck_ledger_accounts_frozen" CHECK ("frozen_fen" >= 0), CONSTRAINT "ck_ledger_accounts_agent_available" CHECK ("kind" <> 'agent' OR "available_fen" >= 0), CONSTRAINT "ck_ledger_accounts_kind" CHECK ("kind" IN ('system', 'agent', 'card_sales', 'withdrawals_payable')), CONSTRAINT "PK_62b34396dda564757cf123fff0e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ledger_accounts_user" ON "ledger_accounts"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ledger_accounts_code" ON "ledger_accounts"  ("code") `);
    await queryRunner.query(`CREATE TABLE "ledger_checks" ("id" BIGSERIAL NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean NOT NULL, "result" jsonb NOT NULL, CONSTRAINT "PK_0356a6c1a585dab8176e5bf3df0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_ledger_checks_at" ON "ledger_checks"  ("checked_at") `);
    await queryRunner.query(`CREATE TABLE "ledger_entries" ("id" BIGSERIAL NOT NULL, "transfer_id" uuid NOT NULL, "account_id" bigint NOT NULL, "amount_fen" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_ledger_entries_amount" CHECK ("amount_fen" <> 0), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_ledger_entries_account" ON "ledger_entries"  ("account_id", "at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ledger_entries_leg" ON "ledger_entries"  ("transfer_id", "account_id") `);
    await queryRunner.query(`CREATE TABLE "ledger_settings" ("id" smallint NOT NULL, "min_transfer_fen" bigint NOT NULL, "min_withdrawal_fen" bigint NOT NULL, "risk_hold_amount_fen" bigint NOT NULL, "risk_hold_per_hour" integer NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_ledger_settings_one" CHECK ("id" = 1), CONSTRAINT "PK_d2486c5eaa66f7b7e8149a8eed3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "ledger_transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(200) NOT NULL, "request_hash" character varying(64) NOT NULL, "type" character varying(24) NOT NULL, "status" character varying(12) NOT NULL, "from_account_id" bigint NOT NULL, "to_account_id" bigint NOT NULL, "amount_fen" bigint NOT NULL, "hold" character varying(16), "reference" character varying(128), "note" character varying(256), "operator_id" uuid, "reverses_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, CONSTRAINT "ck_ledger_transfers_resolved" CHECK (("status" = 'pending') = ("resolved_at" IS NULL)), CONSTRAINT "ck_ledger_transfers_accounts" CHECK ("from_account_id" <> "to_account_id"), CONSTRAINT "ck_ledger_transfers_status" CHECK ("status" IN ('pending', 'posted', 'voided')), CONSTRAINT "ck_ledger_transfers_amount" CHECK ("amount_fen" > 0), CONSTRAINT "PK_0ff1f1a56cb76536e5ef5ad5809" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_ledger_transfers_pending" ON "ledger_transfers"  ("type", "created_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "ix_ledger_transfers_to" ON "ledger_transfers"  ("to_account_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_ledger_transfers_from" ON "ledger_transfers"  ("from_account_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ledger_transfers_reverses" ON "ledger_transfers"  ("reverses_id") WHERE "reverses_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ledger_transfers_idempotency" ON "ledger_transfers"  ("idempotency_key") `);
    await queryRunner.query(`CREATE TABLE "ledger_withdrawals" ("id" uuid NOT NULL, "agent_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "status" character varying(12) NOT NULL, "account_sealed" text NOT NULL, "account_masked" character varying(80) NOT NULL, "reason" character varying(256), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_ledger_withdrawals_status" CHECK ("status" IN ('pending', 'approved', 'rejected')), CONSTRAINT "PK_5ea6a2cbcdfc700e4e679e96c29" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_ledger_withdrawals_agent" ON "ledger_withdrawals"  ("agent_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_ledger_withdrawals_status" ON "ledger_withdrawals"  ("status", "created_at") `);
    // Hand-written: agents created before the hierarchy existed become top-level agents.
    await queryRunner.query(`INSERT INTO "agent_profiles" ("user_id", "parent_id", "path", "depth") SELECT "id", NULL, '/' || "id" || '/', 0 FROM "users" WHERE "role" = 'agent'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_withdrawals_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_withdrawals_agent"`);
    await queryRunner.query(`DROP TABLE "ledger_withdrawals"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ledger_transfers_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ledger_transfers_reverses"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_transfers_from"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_transfers_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_transfers_pending"`);
    await queryRunner.query(`DROP TABLE "ledger_transfers"`);
    await queryRunner.query(`DROP TABLE "ledger_settings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ledger_entries_leg"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_entries_account"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_checks_at"`);
    await queryRunner.query(`DROP TABLE "ledger_checks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ledger_accounts_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ledger_accounts_user"`);
    await queryRunner.query(`DROP TABLE "ledger_accounts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_profiles_path"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agent_profiles_parent"`);
    await queryRunner.query(`DROP TABLE "agent_profiles"`);
  }
}
