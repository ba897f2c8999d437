import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PoolsAndAllocations1795321174752 implements MigrationInterface {
  name = 'PoolsAndAllocations1795321174752';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "allocations" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "ts_code" character varying(9) NOT NULL, "draw_id" bigint NOT NULL, "allocated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "release_reason" character varying(16), CONSTRAINT "ck_allocations_released" CHECK (("released_at" IS NULL) = ("release_reason" IS NULL)), CONSTRAINT "ck_allocations_release_reason" CHECK ("release_reason" IN ('level_change', 'reroll', 'rotation', 'expiry')), CONSTRAINT "PK_ca63099fc248466264af0fa6f1f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_allocations_user" ON "allocations"  ("user_id", "allocated_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_allocations_active" ON "allocations"  ("pool_id", "user_id", "ts_code") WHERE "released_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "draw_batches" ("id" BIGSERIAL NOT NULL, "pool_id" uuid NOT NULL, "job_id" uuid, "reason" character varying(16) NOT NULL, "seed" bigint NOT NULL, "snapshot" jsonb NOT NULL, "snapshot_hash" character(64) NOT NULL, "allocator_version" character varying(32) NOT NULL, "members" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_04f436599f333f6c4164197c8d4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_draw_batches_pool" ON "draw_batches"  ("pool_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "draws" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "pool_id" uuid NOT NULL, "reason" character varying(16) NOT NULL, "seed" bigint NOT NULL, "snapshot_hash" character(64) NOT NULL, "allocator_version" character varying(32) NOT NULL, "quota" integer, "held" jsonb NOT NULL, "picks" jsonb NOT NULL, "snapshot" jsonb, "batch_id" bigint, "batch_seq" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_draws_snapshot" CHECK (("snapshot" IS NULL) <> ("batch_id" IS NULL)), CONSTRAINT "ck_draws_seed" CHECK ("seed" BETWEEN 0 AND 4294967295), CONSTRAINT "ck_draws_reason" CHECK ("reason" IN ('register', 'level_change', 'activation', 'reroll', 'expiry')), CONSTRAINT "PK_abe4e6df5ea65731c53b968f8d1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_draws_batch" ON "draws"  ("batch_id", "batch_seq") `);
    await queryRunner.query(`CREATE INDEX "ix_draws_pool" ON "draws"  ("pool_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_draws_user" ON "draws"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "stock_pools" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(64) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "starts_on" date NOT NULL, "ends_on" date NOT NULL, "created_by" uuid, "activation_job_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activated_at" TIMESTAMP WITH TIME ZONE, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_stock_pools_dates" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "ck_stock_pools_status" CHECK ("status" IN ('draft', 'active', 'archived')), CONSTRAINT "PK_4a8ea6f8cd71042657af8c74fe5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_stock_pools_status" ON "stock_pools"  ("status", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_stock_pools_active" ON "stock_pools"  ("status") WHERE "status" = 'active'`);
    await queryRunner.query(`CREATE TABLE "stocks" ("ts_code" character varying(9) NOT NULL, "symbol" character varying(6) NOT NULL, "name" character varying(32) NOT NULL, "exchange" character varying(2) NOT NULL, "industry" character varying(32), "list_date" date, "status" character varying(16) NOT NULL DEFAULT 'listed', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_stocks_status" CHECK ("status" IN ('listed', 'suspended', 'delisted')), CONSTRAINT "ck_stocks_exchange" CHECK ("exchange" IN ('SH', 'SZ', 'BJ')), CONSTRAINT "ck_stocks_ts_code" CHECK ("ts_code" ~ '^[0-9]{6}\\.(SH|SZ|BJ)$'), CONSTRAINT "PK_1775e4e01c23756fdbc87413482" PRIMARY KEY ("ts_code"))`);
    await queryRunner.query(`CREATE INDEX "ix_stocks_status" ON "stocks"  ("status") `);
    await queryRunner.query(`CREATE TABLE "stock_pool_items" ("pool_id" uuid NOT NULL, "ts_code" character varying(9) NOT NULL, "position" integer NOT NULL, "holders" integer NOT NULL DEFAULT '0', CONSTRAINT "ck_stock_pool_items_holders" CHECK ("holders" >= 0), CONSTRAINT "PK_17648dfb6b195c54e57f2f6a73d" PRIMARY KEY ("pool_id", "ts_code"))`);
    await queryRunner.query(`ALTER TABLE "stock_pool_items" ADD CONSTRAINT "fk_stock_pool_items_pool" FOREIGN KEY ("pool_id") REFERENCES "stock_pools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "stock_pool_items" ADD CONSTRAINT "fk_stock_pool_items_stock" FOREIGN KEY ("ts_code") REFERENCES "stocks"("ts_code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stock_pool_items" DROP CONSTRAINT "fk_stock_pool_items_stock"`);
    await queryRunner.query(`ALTER TABLE "stock_pool_items" DROP CONSTRAINT "fk_stock_pool_items_pool"`);
    await queryRunner.query(`DROP TABLE "stock_pool_items"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stocks_status"`);
    await queryRunner.query(`DROP TABLE "stocks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_stock_pools_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stock_pools_status"`);
    await queryRunner.query(`DROP TABLE "stock_pools"`);
    await queryRunner.query(`DROP INDEX "public"."ix_draws_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_draws_pool"`);
    await queryRunner.query(`DROP INDEX "public"."ix_draws_batch"`);
    await queryRunner.query(`DROP TABLE "draws"`);
    await queryRunner.query(`DROP INDEX "public"."ix_draw_batches_pool"`);
    await queryRunner.query(`DROP TABLE "draw_batches"`);
    await queryRunner.query(`DROP INDEX "public"."uq_allocations_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_allocations_user"`);
    await queryRunner.query(`DROP TABLE "allocations"`);
  }
}
