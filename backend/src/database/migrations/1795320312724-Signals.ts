import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Signals1795320312724 implements MigrationInterface {
  name = 'Signals1795320312724';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "signal_days" ("trade_date" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'staging', "strategies" jsonb NOT NULL, "row_count" integer NOT NULL DEFAULT '0', "payload_hash" character(64), "prev_hash" character(64), "chain_hash" character(64), "seq" integer, "run_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_signal_days_chain" CHECK (("seq" IS NULL) = ("chain_hash" IS NULL)), CONSTRAINT "ck_signal_days_status" CHECK ("status" IN ('staging', 'published')), CONSTRAINT "PK_5151162051d56f6bedb2a5acfed" PRIMARY KEY ("trade_date"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_signal_days_seq" ON "signal_days"  ("seq") WHERE "seq" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "signal_returns" ("trade_date" date NOT NULL, "ts_code" character varying(9) NOT NULL, "fwd_1" double precision, "fwd_5" double precision, "fwd_10" double precision, "fwd_20" double precision, CONSTRAINT "PK_3410a07424a231b59f2214078d0" PRIMARY KEY ("trade_date", "ts_code"))`);
    await queryRunner.query(`CREATE TABLE "signal_run_failures" ("run_id" uuid NOT NULL, "ts_code" character varying(9) NOT NULL, "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b9a89c8f41958b0f6f8de9ff524" PRIMARY KEY ("run_id", "ts_code"))`);
    await queryRunner.query(`CREATE TABLE "signal_staging" ("trade_date" date NOT NULL, "ts_code" character varying(9) NOT NULL, "strategy_id" character varying(32) NOT NULL, "version" integer NOT NULL, "action" character varying(4) NOT NULL, "score" double precision NOT NULL, "close" double precision NOT NULL, "reasons" jsonb NOT NULL, "run_id" uuid, CONSTRAINT "PK_064d973eb9f43d67b5f0e3b1eef" PRIMARY KEY ("trade_date", "ts_code", "strategy_id", "version"))`);
    await queryRunner.query(`CREATE TABLE "signals" ("trade_date" date NOT NULL, "ts_code" character varying(9) NOT NULL, "strategy_id" character varying(32) NOT NULL, "version" integer NOT NULL, "action" character varying(4) NOT NULL, "score" double precision NOT NULL, "close" double precision NOT NULL, "reasons" jsonb NOT NULL, "in_chain" boolean NOT NULL DEFAULT false, "run_id" uuid, CONSTRAINT "ck_signals_score" CHECK ("score" >= -1 AND "score" <= 1), CONSTRAINT "ck_signals_action" CHECK ("action" IN ('BUY', 'SELL', 'HOLD')), CONSTRAINT "PK_efdfb73d1b7869f07b6f2b6596a" PRIMARY KEY ("trade_date", "ts_code", "strategy_id", "version"))`);
    await queryRunner.query(`CREATE INDEX "ix_signals_member" ON "signals"  ("strategy_id", "ts_code", "trade_date") `);
    await queryRunner.query(`CREATE TABLE "strategy_versions" ("strategy_id" character varying(32) NOT NULL, "version" integer NOT NULL, "params" jsonb NOT NULL, "note" character varying(200) NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "ck_strategy_versions_version" CHECK ("version" >= 0), CONSTRAINT "PK_7538bcdd306f2bb507d679c8ba3" PRIMARY KEY ("strategy_id", "version"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "strategy_versions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_signals_member"`);
    await queryRunner.query(`DROP TABLE "signals"`);
    await queryRunner.query(`DROP TABLE "signal_staging"`);
    await queryRunner.query(`DROP TABLE "signal_run_failures"`);
    await queryRunner.query(`DROP TABLE "signal_returns"`);
    await queryRunner.query(`DROP INDEX "public"."uq_signal_days_seq"`);
    await queryRunner.query(`DROP TABLE "signal_days"`);
  }
}
