import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Hardening1795500000000 implements MigrationInterface {
  name = 'Hardening1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_throttles" ("subject" character varying(300) NOT NULL, "source" character varying(64) NOT NULL, "failed_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c70249106885253f8b9303f9981" PRIMARY KEY ("subject", "source"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_throttles_updated" ON "login_throttles"  ("updated_at") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_throttles_updated"`);
    await queryRunner.query(`DROP TABLE "login_throttles"`);
  }
}
