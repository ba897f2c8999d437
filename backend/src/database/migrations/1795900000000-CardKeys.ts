import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CardKeys1795900000000 implements MigrationInterface {
  name = 'CardKeys1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "card_batches" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "level" integer, "months" integer, "project_id" uuid, "duration_days" integer, "count" integer NOT NULL, "generated" integer NOT NULL DEFAULT '0', "unit_price_fen" bigint NOT NULL, "cost_fen" bigint NOT NULL, "status" character varying(12) NOT NULL, "redeem_by" TIMESTAMP WITH TIME ZONE, "note" character varying(200) NOT NULL DEFAULT '', "idempotency_key" character varying(64), "request_hash" character varying(64) NOT NULL, "transfer_id" character varying(64), "job_id" uuid, "voided_count" integer NOT NULL DEFAULT '0', "refunded_fen" bigint NOT NULL DEFAULT '0', "void_ops" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_card_batches_count" CHECK ("count" BETWEEN 1 AND 10000), CONSTRAINT "ck_card_batches_status" CHECK ("status" IN ('generating', 'ready', 'failed')), CONSTRAINT "ck_card_batches_kind" CHECK (("kind" = 'vip' AND "level" IS NOT NULL AND "months" IS NOT NULL) OR ("kind" = 'project' AND "project_id" IS NOT NULL AND "duration_days" IS NOT NULL)), CONSTRAINT "PK_9e2553bcc7c10ddeb25ebc2c376" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_card_batches_owner" ON "card_batches"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "ix_card_batches_project" ON "card_batches"  ("project_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_batches_idem" ON "card_batches"  ("owner_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "card_redeem_throttles" ("subject" character varying(80) NOT NULL, "failures" integer NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_511a2a5816ca0fc42c31b7af7db" PRIMARY KEY ("subject"))`);
    await queryRunner.query(`CREATE TABLE "card_api_nonces" ("project_id" uuid NOT NULL, "nonce" character varying(64) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b8ab9ddf45fb2b6e17666dd8d1e" PRIMARY KEY ("project_id", "nonce"))`);
    await queryRunner.query(`CREATE TABLE "card_api_usage" ("project_id" uuid NOT NULL, "minute" TIMESTAMP WITH TIME ZONE NOT NULL, "calls" integer NOT NULL, CONSTRAINT "PK_13b9d70a304fe49bba0d884ccab" PRIMARY KEY ("project_id", "minute"))`);
    await queryRunner.query(`CREATE TABLE "card_settings" ("id" integer NOT NULL, "unbind_cooldown_hours" integer NOT NULL DEFAULT '24', "default_discount_pct" integer NOT NULL DEFAULT '70', CONSTRAINT "PK_95aacef5d1224b30efa3d4e0058" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "card_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "batch_id" uuid NOT NULL, "seq" integer NOT NULL, "lookup_hash" bytea NOT NULL, "code_sealed" bytea NOT NULL, "last4" character(4) NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'unused', "redeemed_by" uuid, "used_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "device_id" character varying(128), "last_unbind_at" TIMESTAMP WITH TIME ZONE, "unbind_count" integer NOT NULL DEFAULT '0', "voided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_card_keys_status" CHECK ("status" IN ('unused', 'used', 'void')), CONSTRAINT "PK_0ebd170e285cb899d6a97b9dd09" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_keys_lookup" ON "card_keys"  ("lookup_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_card_keys_redeemed_by" ON "card_keys"  ("redeemed_by") `);
    await queryRunner.query(`CREATE INDEX "ix_card_keys_status_day" ON "card_keys"  ("status", "used_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_keys_batch_seq" ON "card_keys"  ("batch_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "card_prices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "scope_key" character varying(80) NOT NULL, "level" integer, "months" integer, "project_id" uuid, "duration_days" integer, "price_fen" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_card_prices_price" CHECK ("price_fen" >= 0), CONSTRAINT "ck_card_prices_kind" CHECK (("kind" = 'vip' AND "level" IS NOT NULL AND "months" IS NOT NULL AND "project_id" IS NULL) OR ("kind" = 'project' AND "project_id" IS NOT NULL AND "duration_days" IS NOT NULL AND "level" IS NULL)), CONSTRAINT "PK_d13ac6be03149ef48efaa0a58a1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_prices_scope" ON "card_prices"  ("scope_key") `);
    await queryRunner.query(`CREATE TABLE "card_project_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_card_project_app_status" CHECK ("status" IN ('pending', 'approved', 'refused')), CONSTRAINT "PK_58f817e36672a9fce902e5adc31" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_card_project_app_agent" ON "card_project_applications"  ("agent_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_project_app_pending" ON "card_project_applications"  ("project_id", "agent_id") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE TABLE "card_project_authorizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7fe04fe19ec835fb4ed4e3b59df" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_card_project_auth_agent" ON "card_project_authorizations"  ("agent_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_project_auth" ON "card_project_authorizations"  ("project_id", "agent_id") `);
    await queryRunner.query(`CREATE TABLE "card_projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(64) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "version" character varying(32) NOT NULL DEFAULT '', "callback_url" character varying(500), "api_key" character varying(40) NOT NULL, "secret_sealed" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "retail_fen_per30d" bigint NOT NULL DEFAULT '1000', "rate_limit_per_minute" integer NOT NULL DEFAULT '600', "banned_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eefd488415ddf49320e51e77e04" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_projects_name" ON "card_projects"  ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_card_projects_api_key" ON "card_projects"  ("api_key") `);
    await queryRunner.query(`CREATE TABLE "card_verification_logs" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "project_id" uuid NOT NULL, "key_id" uuid, "owner_id" uuid, "action" character varying(8) NOT NULL, "device_id" character varying(128), "ip" character varying(64), "result" character varying(32) NOT NULL, CONSTRAINT "PK_8333c15848ef2442bb0e96c89bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_card_verif_owner_at" ON "card_verification_logs"  ("owner_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_card_verif_project_at" ON "card_verification_logs"  ("project_id", "at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_card_verif_project_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_card_verif_owner_at"`);
    await queryRunner.query(`DROP TABLE "card_verification_logs"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_projects_api_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_projects_name"`);
    await queryRunner.query(`DROP TABLE "card_projects"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_project_auth"`);
    await queryRunner.query(`DROP INDEX "public"."ix_card_project_auth_agent"`);
    await queryRunner.query(`DROP TABLE "card_project_authorizations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_project_app_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_card_project_app_agent"`);
    await queryRunner.query(`DROP TABLE "card_project_applications"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_prices_scope"`);
    await queryRunner.query(`DROP TABLE "card_prices"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_keys_batch_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_card_keys_status_day"`);
    await queryRunner.query(`DROP INDEX "public"."ix_card_keys_redeemed_by"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_keys_lookup"`);
    await queryRunner.query(`DROP TABLE "card_keys"`);
    await queryRunner.query(`DROP TABLE "card_settings"`);
    await queryRunner.query(`DROP TABLE "card_api_usage"`);
    await queryRunner.query(`DROP TABLE "card_api_nonces"`);
    await queryRunner.query(`DROP TABLE "card_redeem_throttles"`);
    await queryRunner.query(`DROP INDEX "public"."uq_card_batches_idem"`);
    await queryRunner.query(`DROP INDEX "public"."ix_card_batches_project"`);
    await queryRunner.query(`DROP INDEX "public"."ix_card_batches_owner"`);
    await queryRunner.query(`DROP TABLE "card_batches"`);
  }
}
