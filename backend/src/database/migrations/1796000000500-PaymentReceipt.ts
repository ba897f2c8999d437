import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentReceipt1796000000500 implements MigrationInterface {
  name = 'PaymentReceipt1796000000500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_orders" ADD "lang" character varying(8)`);
    await queryRunner.query(`ALTER TABLE "payment_orders" ADD "receipt_sent_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_orders" DROP COLUMN "receipt_sent_at"`);
    await queryRunner.query(`ALTER TABLE "payment_orders" DROP COLUMN "lang"`);
  }
}
