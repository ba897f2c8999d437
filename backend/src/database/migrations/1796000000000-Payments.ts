import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1796000000000 implements MigrationInterface {
  name = 'Payments1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "payment_events" ("id" BIGSERIAL NOT NULL, "out_trade_no" character varying(64), "kind" character varying(24) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "event_id" character varying(64), "event_type" character varying(32), "verified" boolean, "outcome" character varying(48) NOT NULL, "detail" jsonb, CONSTRAINT "PK_9f1d16fc78b33e676940a32e8b5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_payment_events_kind" ON "payment_events"  ("kind", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_payment_events_order" ON "payment_events"  ("out_trade_no", "at") `);
    await queryRunner.query(`CREATE TABLE "payment_orders" ("out_trade_no" character varying(32) NOT NULL, "user_id" uuid NOT NULL, "level" smallint NOT NULL, "months" smallint NOT NULL, "amount_fen" bigint NOT NULL, "description" character varying(127) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "code_url" character varying(256), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "transaction_id" character varying(32), "paid_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "refunded_fen" bigint NOT NULL DEFAULT '0', "grant_id" bigint, "review_flag" character varying(32), "review_note" character varying(300), "risk_ack_at" TIMESTAMP WITH TIME ZONE NOT NULL, "query_attempts" integer NOT NULL DEFAULT '0', "next_query_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_payment_orders_refunded" CHECK ("refunded_fen" >= 0 AND "refunded_fen" <= "amount_fen"), CONSTRAINT "ck_payment_orders_amount" CHECK ("amount_fen" > 0), CONSTRAINT "ck_payment_orders_status" CHECK ("status" IN ('pending', 'paid', 'closed', 'refunded', 'failed')), CONSTRAINT "PK_867d55d9f85874985250a8b1656" PRIMARY KEY ("out_trade_no"))`);
    await queryRunner.query(`CREATE INDEX "ix_payment_orders_created" ON "payment_orders"  ("created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_payment_orders_due" ON "payment_orders"  ("status", "next_query_at") `);
    await queryRunner.query(`CREATE INDEX "ix_payment_orders_user" ON "payment_orders"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "payment_refunds" ("out_refund_no" character varying(64) NOT NULL, "out_trade_no" character varying(32) NOT NULL, "seq" integer NOT NULL, "amount_fen" bigint NOT NULL, "reason" character varying(80) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'submitting', "refund_id" character varying(64), "operator_id" uuid, "revert_grant_id" bigint, "query_attempts" integer NOT NULL DEFAULT '0', "next_query_at" TIMESTAMP WITH TIME ZONE, "success_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_payment_refunds_amount" CHECK ("amount_fen" > 0), CONSTRAINT "ck_payment_refunds_status" CHECK ("status" IN ('submitting', 'processing', 'success', 'closed', 'abnormal')), CONSTRAINT "PK_f8e9fc9d1fd439ff26b37167360" PRIMARY KEY ("out_refund_no"))`);
    await queryRunner.query(`CREATE INDEX "ix_payment_refunds_status" ON "payment_refunds"  ("status", "next_query_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_payment_refunds_order_seq" ON "payment_refunds"  ("out_trade_no", "seq") `);
    await queryRunner.query(`ALTER TABLE "vip_grants" ADD CONSTRAINT "ck_vip_grants_kind" CHECK ("kind" IN ('new', 'extend', 'upgrade', 'revert'))`);
    // Added by hand: the generator does not see a changed CHECK expression under the same name.
    await queryRunner.query(`ALTER TABLE "vip_grants" DROP CONSTRAINT "ck_vip_grants_source"`);
    await queryRunner.query(`ALTER TABLE "vip_grants" ADD CONSTRAINT "ck_vip_grants_source" CHECK ("source" IN ('admin', 'payment', 'card_key', 'payment_refund'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "vip_grants" DROP CONSTRAINT "ck_vip_grants_source"`);
    await queryRunner.query(`ALTER TABLE "vip_grants" ADD CONSTRAINT "ck_vip_grants_source" CHECK ("source" IN ('admin', 'payment', 'card_key'))`);
    await queryRunner.query(`ALTER TABLE "vip_grants" DROP CONSTRAINT "ck_vip_grants_kind"`);
    await queryRunner.query(`DROP INDEX "public"."uq_payment_refunds_order_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_refunds_status"`);
    await queryRunner.query(`DROP TABLE "payment_refunds"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_orders_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_orders_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_orders_created"`);
    await queryRunner.query(`DROP TABLE "payment_orders"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_events_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_events_kind"`);
    await queryRunner.query(`DROP TABLE "payment_events"`);
  }
}
