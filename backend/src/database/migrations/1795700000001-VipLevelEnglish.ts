import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VipLevelEnglish1795700000001 implements MigrationInterface {
  name = 'VipLevelEnglish1795700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vip_levels" ADD "name_en" character varying(32) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "vip_levels" ADD "description_en" character varying(500) NOT NULL DEFAULT ''`);
    // Hand-written: English forms of the default levels (admins edit them afterwards).
    await queryRunner.query(`UPDATE "vip_levels" SET "name_en" = CASE "level" WHEN 0 THEN 'Free' WHEN 4 THEN 'SVIP' ELSE 'VIP' || "level" END WHERE "name_en" = ''`);
    await queryRunner.query(`UPDATE "vip_levels" SET "description_en" = CASE "level"
      WHEN 0 THEN 'Free trial, 5 stocks' WHEN 1 THEN '10 stocks' WHEN 2 THEN '20 stocks' WHEN 3 THEN '50 stocks' ELSE 'Every stock in the pool' END
      WHERE "description_en" = '' AND "description" <> ''`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vip_levels" DROP COLUMN "description_en"`);
    await queryRunner.query(`ALTER TABLE "vip_levels" DROP COLUMN "name_en"`);
  }
}
