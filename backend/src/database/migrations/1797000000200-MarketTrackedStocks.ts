import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketTrackedStocks1797000000200 implements MigrationInterface {
  name = 'MarketTrackedStocks1797000000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "market_tracked_stocks" ("tracker" character varying(32) NOT NULL, "ts_code" character varying(9) NOT NULL, CONSTRAINT "ck_market_tracked_stocks_tracker" CHECK ("tracker" ~ '^[a-z][a-z-]*$'), CONSTRAINT "PK_52b77e1cf5610ff48076f3c4a7d" PRIMARY KEY ("tracker", "ts_code"))`);
    await queryRunner.query(`CREATE INDEX "ix_allocations_held_stock" ON "allocations"  ("ts_code") WHERE "released_at" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_allocations_held_stock"`);
    await queryRunner.query(`DROP TABLE "market_tracked_stocks"`);
  }
}
