import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginThrottleFinished1797000000300 implements MigrationInterface {
  name = 'LoginThrottleFinished1797000000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_throttles" ADD "finished_count" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_throttles" DROP COLUMN "finished_count"`);
  }
}
