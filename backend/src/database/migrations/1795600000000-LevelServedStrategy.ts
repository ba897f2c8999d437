import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LevelServedStrategy1795600000000 implements MigrationInterface {
  name = 'LevelServedStrategy1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vip_levels" ADD "served_strategy_id" character varying(32)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vip_levels" DROP COLUMN "served_strategy_id"`);
  }
}
