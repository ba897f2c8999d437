import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RerollRequests1795700000000 implements MigrationInterface {
  name = 'RerollRequests1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reroll_requests" ("idempotency_key" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4901b40bc84209343eccdafe578" PRIMARY KEY ("idempotency_key"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reroll_requests"`);
  }
}
