import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketData1795319828492 implements MigrationInterface {
  name = 'MarketData1795319828492';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "adj_factors" ("ts_code" character varying(9) NOT NULL, "trade_date" date NOT NULL, "factor" double precision NOT NULL, "source" character varying(16) NOT NULL, CONSTRAINT "PK_799b42f5e3ff7ad4776288e18f0" PRIMARY KEY ("ts_code", "trade_date"))`);
    await queryRunner.query(`CREATE TABLE "daily_bars" ("ts_code" character varying(9) NOT NULL, "trade_date" date NOT NULL, "open" double precision NOT NULL, "high" double precision NOT NULL, "low" double precision NOT NULL, "close" double precision NOT NULL, "pre_close" double precision, "volume" bigint NOT NULL, "amount" double precision NOT NULL, "source" character varying(16) NOT NULL, CONSTRAINT "PK_f72c0c929f2885b21f9bb035da1" PRIMARY KEY ("ts_code", "trade_date"))`);
    await queryRunner.query(`CREATE INDEX "ix_daily_bars_trade_date" ON "daily_bars"  ("trade_date") `);
    await queryRunner.query(`CREATE TABLE "data_source_settings" ("name" character varying(32) NOT NULL, "enabled" boolean, "priority" integer, "token_enc" text, "base_url_enc" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid, CONSTRAINT "PK_736d8d5c8d99911977af8d30332" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "data_source_switch_logs" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "from_source" character varying(32) NOT NULL, "to_source" character varying(32) NOT NULL, "reason" text NOT NULL, "operation" character varying(32) NOT NULL, CONSTRAINT "PK_70cb83b2fb6c0ffa385b9d6ac37" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_data_source_switch_logs_at" ON "data_source_switch_logs"  ("at") `);
    await queryRunner.query(`CREATE TABLE "trade_calendar" ("cal_date" date NOT NULL, "is_open" boolean NOT NULL, "source" character varying(16) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_123a742da20214f92ab24858014" PRIMARY KEY ("cal_date"))`);
    await queryRunner.query(`CREATE TABLE "market_sync_dates" ("trade_date" date NOT NULL, "scope" character varying(8) NOT NULL, "bars_complete" boolean NOT NULL DEFAULT false, "factors_complete" boolean NOT NULL DEFAULT false, "source" character varying(16), "factor_source" character varying(16), "rows" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_market_sync_dates_scope" CHECK ("scope" IN ('market', 'stocks')), CONSTRAINT "PK_e2c14aad2e169bf8b14afdd2013" PRIMARY KEY ("trade_date"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "market_sync_dates"`);
    await queryRunner.query(`DROP TABLE "trade_calendar"`);
    await queryRunner.query(`DROP INDEX "public"."ix_data_source_switch_logs_at"`);
    await queryRunner.query(`DROP TABLE "data_source_switch_logs"`);
    await queryRunner.query(`DROP TABLE "data_source_settings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_daily_bars_trade_date"`);
    await queryRunner.query(`DROP TABLE "daily_bars"`);
    await queryRunner.query(`DROP TABLE "adj_factors"`);
  }
}
