import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795318328902 implements MigrationInterface {
  name = 'Init1795318328902';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "operation_logs" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "operator_id" uuid, "operator_name" character varying(64) NOT NULL, "action" character varying(64) NOT NULL, "target_type" character varying(32) NOT NULL, "target_id" character varying(64), "before" jsonb, "after" jsonb, "ip" character varying(64), CONSTRAINT "PK_18c884ac5d5008d1110501edca5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_operation_logs_target" ON "operation_logs"  ("target_type", "target_id") `);
    await queryRunner.query(`CREATE INDEX "ix_operation_logs_operator" ON "operation_logs"  ("operator_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_operation_logs_at" ON "operation_logs"  ("at") `);
    await queryRunner.query(`CREATE TABLE "auth_links" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(24) NOT NULL, "email" character varying(254) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c179ec6b05431f098b609ee7314" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_auth_links_user" ON "auth_links"  ("user_id", "purpose") `);
    await queryRunner.query(`CREATE TABLE "captchas" ("id" uuid NOT NULL, "answer_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_897703cbd18f8ee4d7ed8753adb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "login_logs" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "user_id" uuid, "username" character varying(254) NOT NULL, "ip" character varying(64), "user_agent" character varying(512), "result" character varying(24) NOT NULL, CONSTRAINT "PK_15f7b02ad55d5ba905b2962ebab" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_logs_user" ON "login_logs"  ("user_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_login_logs_at" ON "login_logs"  ("at") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "secret_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" character varying(64), "user_agent" character varying(512), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE TABLE "job_records" ("id" uuid NOT NULL, "kind" character varying(48) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "total" integer NOT NULL DEFAULT '0', "processed" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "message" text, "params" jsonb NOT NULL, "result" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_job_records_status" CHECK ("status" IN ('queued', 'running', 'done', 'failed')), CONSTRAINT "PK_96c143f9b1f345d066152db9a5d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_job_records_kind" ON "job_records"  ("kind", "created_at") `);
    await queryRunner.query(`CREATE TABLE "outbox_mails" ("id" BIGSERIAL NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "to_address" character varying(254) NOT NULL, "subject" character varying(255) NOT NULL, "text" text NOT NULL, "html" text, CONSTRAINT "PK_b29f3864833e0d790528753c19c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_mails_created" ON "outbox_mails"  ("created_at") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(32) NOT NULL, "email" character varying(254), "email_verified_at" TIMESTAMP WITH TIME ZONE, "password_hash" character varying(255) NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'user', "status" character varying(16) NOT NULL DEFAULT 'active', "failed_login_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "parent_id" uuid, "risk_ack_at" TIMESTAMP WITH TIME ZONE, "risk_ack_version" character varying(16), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_users_status" CHECK ("status" IN ('active', 'disabled')), CONSTRAINT "ck_users_role" CHECK ("role" IN ('admin', 'agent', 'user')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "subscriptions" ("user_id" uuid NOT NULL, "level" smallint NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notified_level" smallint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d0a95ef8a28188364c546eb65c1" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_subscriptions_expires" ON "subscriptions"  ("expires_at") `);
    await queryRunner.query(`CREATE TABLE "vip_grants" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "source" character varying(16) NOT NULL, "reference" character varying(64), "level" smallint NOT NULL, "months" smallint NOT NULL, "kind" character varying(16) NOT NULL, "level_before" smallint NOT NULL, "expires_before" TIMESTAMP WITH TIME ZONE, "expires_after" TIMESTAMP WITH TIME ZONE NOT NULL, "converted_seconds" integer NOT NULL DEFAULT '0', "reason" character varying(200) NOT NULL DEFAULT '', "operator_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_vip_grants_months" CHECK ("months" BETWEEN 1 AND 36), CONSTRAINT "ck_vip_grants_source" CHECK ("source" IN ('admin', 'payment', 'card_key')), CONSTRAINT "PK_1a69646394060337ee7b395e837" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_vip_grants_source_ref" ON "vip_grants"  ("source", "reference") WHERE "reference" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_vip_grants_user" ON "vip_grants"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "vip_levels" ("level" smallint NOT NULL, "name" character varying(32) NOT NULL, "stock_quota" integer, "price_fen" integer NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "description" character varying(500) NOT NULL DEFAULT '', "strategy_id" character varying(32) NOT NULL DEFAULT 'cho', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_vip_levels_free_zero" CHECK ("level" <> 0 OR ("price_fen" = 0 AND "enabled")), CONSTRAINT "ck_vip_levels_price" CHECK ("price_fen" >= 0), CONSTRAINT "ck_vip_levels_quota" CHECK ("stock_quota" IS NULL OR "stock_quota" >= 1), CONSTRAINT "ck_vip_levels_level" CHECK ("level" BETWEEN 0 AND 4), CONSTRAINT "PK_84504261146ea61f7c26179c16c" PRIMARY KEY ("level"))`);
    // Hand-written: case-insensitive uniqueness (not expressible in entity decorators).
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username_lower" ON "users" (lower("username"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email_lower" ON "users" (lower("email")) WHERE "email" IS NOT NULL`);
    // Hand-written: the default VIP levels (product.md §2); admins edit them afterwards.
    await queryRunner.query(`INSERT INTO "vip_levels" ("level", "name", "stock_quota", "price_fen", "enabled", "description") VALUES
      (0, '免费用户', 5, 0, true, '免费体验，5 只股票'),
      (1, 'VIP1', 10, 29900, true, '10 只股票'),
      (2, 'VIP2', 20, 59900, true, '20 只股票'),
      (3, 'VIP3', 50, 99900, true, '50 只股票'),
      (4, 'SVIP', NULL, 199900, true, '股票池全部股票')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_users_email_lower"`);
    await queryRunner.query(`DROP INDEX "uq_users_username_lower"`);
    await queryRunner.query(`DROP TABLE "vip_levels"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vip_grants_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_vip_grants_source_ref"`);
    await queryRunner.query(`DROP TABLE "vip_grants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subscriptions_expires"`);
    await queryRunner.query(`DROP TABLE "subscriptions"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_mails_created"`);
    await queryRunner.query(`DROP TABLE "outbox_mails"`);
    await queryRunner.query(`DROP INDEX "public"."ix_job_records_kind"`);
    await queryRunner.query(`DROP TABLE "job_records"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_user"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_logs_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_logs_user"`);
    await queryRunner.query(`DROP TABLE "login_logs"`);
    await queryRunner.query(`DROP TABLE "captchas"`);
    await queryRunner.query(`DROP INDEX "public"."ix_auth_links_user"`);
    await queryRunner.query(`DROP TABLE "auth_links"`);
    await queryRunner.query(`DROP INDEX "public"."ix_operation_logs_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_operation_logs_operator"`);
    await queryRunner.query(`DROP INDEX "public"."ix_operation_logs_target"`);
    await queryRunner.query(`DROP TABLE "operation_logs"`);
  }
}
