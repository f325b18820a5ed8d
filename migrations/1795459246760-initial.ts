import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795459246760 implements MigrationInterface {
  name = 'Initial1795459246760';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9b7ca6d30b94fef571cff876884" UNIQUE ("name"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "email" character varying(320) NOT NULL, "name" character varying(200), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_users_org_email" ON "users" ("organization_id", "email") ',
    );
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "prefix" character varying(16) NOT NULL, "hash" character(64) NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("hash") ');
    await queryRunner.query(
      'CREATE TABLE "connections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "provider" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "capabilities" character varying array NOT NULL DEFAULT \'{}\', "credentials_ciphertext" text NOT NULL, "credentials_key_id" character varying(64) NOT NULL, "base_url" character varying(500), "settings" jsonb NOT NULL DEFAULT \'{}\', "sync_interval_minutes" integer NOT NULL DEFAULT \'60\', "status" character varying(16) NOT NULL DEFAULT \'ACTIVE\', "status_message" text, "missing_permissions" character varying array NOT NULL DEFAULT \'{}\', "sync_state" jsonb NOT NULL DEFAULT \'{}\', "last_synced_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0a1f844af3122354cbd487a8d03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_connections_org" ON "connections" ("organization_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "first_name" character varying(200), "last_name" character varying(200), "full_name" character varying(400) NOT NULL, "headline" character varying(500), "emails" character varying array NOT NULL DEFAULT \'{}\', "phones" character varying array NOT NULL DEFAULT \'{}\', "social_links" jsonb NOT NULL DEFAULT \'[]\', "linkedin_url" character varying(300), "github_url" character varying(300), "location" jsonb, "current_company" character varying(300), "current_title" character varying(300), "work_history" jsonb NOT NULL DEFAULT \'[]\', "education" jsonb NOT NULL DEFAULT \'[]\', "source_id" uuid, "recruiter_id" uuid, "tags" character varying array NOT NULL DEFAULT \'{}\', "custom_fields" jsonb NOT NULL DEFAULT \'{}\', "merged_into_id" uuid, CONSTRAINT "PK_140681296bf033ab1eb95288abb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_candidates_merged_into" ON "candidates" ("merged_into_id") ',
    );
    await queryRunner.query('CREATE INDEX "ix_candidates_emails" ON "candidates" ("emails") ');
    await queryRunner.query(
      'CREATE INDEX "ix_candidates_org_github" ON "candidates" ("organization_id", "github_url") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_candidates_org_linkedin" ON "candidates" ("organization_id", "linkedin_url") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_candidates_org_updated" ON "candidates" ("organization_id", "remote_updated_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_candidates_remote" ON "candidates" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "candidate_id" uuid NOT NULL, "job_id" uuid, "stage_id" uuid, "stage_name" character varying(200), "status" character varying(16) NOT NULL, "remote_status" character varying(64), "rejection_reason_id" uuid, "source_id" uuid, "recruiter_id" uuid, "is_prospect" boolean NOT NULL DEFAULT false, "applied_at" TIMESTAMP WITH TIME ZONE, "rejected_at" TIMESTAMP WITH TIME ZONE, "hired_at" TIMESTAMP WITH TIME ZONE, "custom_fields" jsonb NOT NULL DEFAULT \'{}\', CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_applications_org_job_stage" ON "applications" ("organization_id", "job_id", "stage_name") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_applications_candidate" ON "applications" ("candidate_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_applications_remote" ON "applications" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "ats_users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "first_name" character varying(200), "last_name" character varying(200), "name" character varying(400) NOT NULL, "email" character varying(320), "role" character varying(100), "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_95864015a13ef6c81b7fade26e0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_ats_users_remote" ON "ats_users" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "candidate_id" uuid NOT NULL, "name" character varying(500) NOT NULL, "type" character varying(16) NOT NULL, "content_type" character varying(200), "size_bytes" integer, "sha256" character(64), "content" bytea, "extracted_text" text, "extraction_error" text, CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_attachments_candidate" ON "attachments" ("candidate_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_attachments_remote" ON "attachments" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "export_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "destination_id" uuid NOT NULL, "export_as" character varying(16) NOT NULL, "campaign_id" character varying(128), "job_id" character varying(128), "selection" jsonb NOT NULL, "include_previously_exported" boolean NOT NULL DEFAULT false, "generate_dummy_emails" boolean NOT NULL DEFAULT false, "state" character varying(16) NOT NULL DEFAULT \'QUEUED\', "total" integer, "processed" integer NOT NULL DEFAULT \'0\', "succeeded" integer NOT NULL DEFAULT \'0\', "skipped" integer NOT NULL DEFAULT \'0\', "failed" integer NOT NULL DEFAULT \'0\', "error" text, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3044ce6f1c6af24058ee609e063" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_export_jobs_org_created" ON "export_jobs" ("organization_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "export_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "export_job_id" uuid NOT NULL, "destination_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "state" character varying(16) NOT NULL DEFAULT \'PENDING\', "attempts" integer NOT NULL DEFAULT \'0\', "remote_id" character varying(128), "updated_existing" boolean NOT NULL DEFAULT false, "message" text, CONSTRAINT "PK_81bd9bf0456a0414a4052382712" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_export_items_previous" ON "export_items" ("organization_id", "destination_id", "candidate_id", "state") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_export_items_job_candidate" ON "export_items" ("export_job_id", "candidate_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "title" character varying(400) NOT NULL, "status" character varying(16) NOT NULL, "remote_status" character varying(64), "department" character varying(200), "location" character varying(300), "postings" jsonb NOT NULL DEFAULT \'[]\', "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_jobs_org_status" ON "jobs" ("organization_id", "status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_jobs_remote" ON "jobs" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "external_id" character varying(200) NOT NULL, "full_name" character varying(400) NOT NULL, "name_key" character varying(400) NOT NULL, "headline" character varying(500), "linkedin_url" character varying(300), "github_url" character varying(300), "emails" character varying array NOT NULL DEFAULT \'{}\', "social_links" jsonb NOT NULL DEFAULT \'[]\', "location" jsonb, "work_history" jsonb NOT NULL DEFAULT \'[]\', "education" jsonb NOT NULL DEFAULT \'[]\', "skills" character varying array NOT NULL DEFAULT \'{}\', "certifications" character varying array NOT NULL DEFAULT \'{}\', "languages" character varying array NOT NULL DEFAULT \'{}\', "industry" character varying(200), "company_size" character varying(64), "raw" jsonb NOT NULL DEFAULT \'{}\', CONSTRAINT "PK_8e520eb4da7dc01d0e190447c8e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_profiles_org_name_key" ON "profiles" ("organization_id", "name_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_profiles_org_github" ON "profiles" ("organization_id", "github_url") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_profiles_org_linkedin" ON "profiles" ("organization_id", "linkedin_url") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_profiles_external" ON "profiles" ("organization_id", "external_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "profile_matches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "candidate_id" uuid NOT NULL, "profile_id" uuid NOT NULL, "rule" character varying(32) NOT NULL, "confidence" real NOT NULL, CONSTRAINT "PK_e24dc2d123aa4ce142ab9bae703" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_profile_matches_profile" ON "profile_matches" ("profile_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_profile_matches_candidate" ON "profile_matches" ("candidate_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rejection_reasons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "name" character varying(300) NOT NULL, "type" character varying(64), CONSTRAINT "PK_3c44025ee629cc19280c19cd1ba" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_rejection_reasons_remote" ON "rejection_reasons" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "name" character varying(300) NOT NULL, "type" character varying(100), CONSTRAINT "PK_85523beafe5a2a6b90b02096443" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_sources_remote" ON "sources" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "stages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "remote_id" character varying(128) NOT NULL, "raw" jsonb NOT NULL DEFAULT \'{}\', "remote_created_at" TIMESTAMP WITH TIME ZONE, "remote_updated_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "job_id" uuid, "name" character varying(200) NOT NULL, "position" integer NOT NULL DEFAULT \'0\', "type" character varying(64), CONSTRAINT "PK_16efa0f8f5386328944769b9e6d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_stages_job" ON "stages" ("job_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_stages_remote" ON "stages" ("organization_id", "connection_id", "remote_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "stage_triggers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "job_id" uuid NOT NULL, "stage" character varying(200) NOT NULL, "webhook_url" character varying(1000), "secret_ciphertext" text, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_f91f65c1e33a71e213bba490646" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_stage_triggers_job_stage" ON "stage_triggers" ("organization_id", "job_id", "stage") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sync_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "connection_id" uuid NOT NULL, "mode" character varying(16) NOT NULL, "state" character varying(16) NOT NULL DEFAULT \'QUEUED\', "trigger" character varying(16) NOT NULL DEFAULT \'MANUAL\', "phase" character varying(64), "processed" integer NOT NULL DEFAULT \'0\', "total" integer, "rate_limit_waits" integer NOT NULL DEFAULT \'0\', "skipped_records" integer NOT NULL DEFAULT \'0\', "checkpoint" jsonb, "error" text, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_sync_runs_state" ON "sync_runs" ("state") ');
    await queryRunner.query(
      'CREATE INDEX "ix_sync_runs_connection_created" ON "sync_runs" ("connection_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "stage_trigger_id" uuid, "url" character varying(1000) NOT NULL, "event_type" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "state" character varying(16) NOT NULL DEFAULT \'PENDING\', "attempts" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status" integer, "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_webhook_deliveries_trigger" ON "webhook_deliveries" ("stage_trigger_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_webhook_deliveries_pending" ON "webhook_deliveries" ("state", "next_attempt_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a283bdef18876e525aefaec042f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "connections" ADD CONSTRAINT "FK_383db4461bdeba3d8e970b0ed97" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "candidates" ADD CONSTRAINT "FK_03919fd83cf4d8a756e0761ce85" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "candidates" ADD CONSTRAINT "FK_7e1c2a2a2a167f20196b527ad21" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "applications" ADD CONSTRAINT "FK_8808eef8dd417f90bcf91cb9fb6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "applications" ADD CONSTRAINT "FK_0549bd344a6a7a1c93672ec7700" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "applications" ADD CONSTRAINT "FK_b669b991b85b808f24b5734990a" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ats_users" ADD CONSTRAINT "FK_2ea7b36874d35b8ff3ee581cf10" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ats_users" ADD CONSTRAINT "FK_0c65d77816e84bc4bde06bc9e4b" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_4af30039d8c32fe7cd7112229ee" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_ff264bc4ce2916f907cb3e5e293" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" ADD CONSTRAINT "FK_555c5c6faa71b218d01bf115be8" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "export_jobs" ADD CONSTRAINT "FK_e430f9e1dd5bc5d0f848ef2477a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "export_jobs" ADD CONSTRAINT "FK_181a6ffdd34abee80aeebe12516" FOREIGN KEY ("destination_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "export_items" ADD CONSTRAINT "FK_0595201e7c727b80f9f40f49e52" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "export_items" ADD CONSTRAINT "FK_7bda21571554226820f519772e7" FOREIGN KEY ("export_job_id") REFERENCES "export_jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "jobs" ADD CONSTRAINT "FK_3d9a2080fffe3e2c3b72fd56df2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "jobs" ADD CONSTRAINT "FK_35a2d331194a7db1d8b10f89df1" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "profiles" ADD CONSTRAINT "FK_234bd989247a75de452bf7328af" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_matches" ADD CONSTRAINT "FK_2166da56599ace6a9465e5543aa" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_matches" ADD CONSTRAINT "FK_e9c6d1514e39d0361ea3159fe9f" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_matches" ADD CONSTRAINT "FK_1ace6cd01bf5793ef6588ba116a" FOREIGN KEY ("profile_id") REFERENCES "profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rejection_reasons" ADD CONSTRAINT "FK_70ba7cc74643739f8d41a903816" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rejection_reasons" ADD CONSTRAINT "FK_1cd6008c1e9cfd855ea904680af" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sources" ADD CONSTRAINT "FK_344fa4fb502cdfc5f32452465af" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sources" ADD CONSTRAINT "FK_5a78b9e76320c786606fc687b0f" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stages" ADD CONSTRAINT "FK_788b52632a8883adcab17800b9d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stages" ADD CONSTRAINT "FK_97e7fda20be238cbb931c3272c3" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_triggers" ADD CONSTRAINT "FK_aff05ced8971c8be9e9119e69d1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_triggers" ADD CONSTRAINT "FK_6a110291ce969eacd250bd03edd" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_triggers" ADD CONSTRAINT "FK_63bf472d6dfef22305173a21b67" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" ADD CONSTRAINT "FK_62877f26fb52f671a15433f4cd5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" ADD CONSTRAINT "FK_87c45b71e7b5f3dd7d75354e202" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_f9942da65d9e85fbd78e1a9bfc1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_f9942da65d9e85fbd78e1a9bfc1"',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" DROP CONSTRAINT "FK_87c45b71e7b5f3dd7d75354e202"',
    );
    await queryRunner.query(
      'ALTER TABLE "sync_runs" DROP CONSTRAINT "FK_62877f26fb52f671a15433f4cd5"',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_triggers" DROP CONSTRAINT "FK_63bf472d6dfef22305173a21b67"',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_triggers" DROP CONSTRAINT "FK_6a110291ce969eacd250bd03edd"',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_triggers" DROP CONSTRAINT "FK_aff05ced8971c8be9e9119e69d1"',
    );
    await queryRunner.query(
      'ALTER TABLE "stages" DROP CONSTRAINT "FK_97e7fda20be238cbb931c3272c3"',
    );
    await queryRunner.query(
      'ALTER TABLE "stages" DROP CONSTRAINT "FK_788b52632a8883adcab17800b9d"',
    );
    await queryRunner.query(
      'ALTER TABLE "sources" DROP CONSTRAINT "FK_5a78b9e76320c786606fc687b0f"',
    );
    await queryRunner.query(
      'ALTER TABLE "sources" DROP CONSTRAINT "FK_344fa4fb502cdfc5f32452465af"',
    );
    await queryRunner.query(
      'ALTER TABLE "rejection_reasons" DROP CONSTRAINT "FK_1cd6008c1e9cfd855ea904680af"',
    );
    await queryRunner.query(
      'ALTER TABLE "rejection_reasons" DROP CONSTRAINT "FK_70ba7cc74643739f8d41a903816"',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_matches" DROP CONSTRAINT "FK_1ace6cd01bf5793ef6588ba116a"',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_matches" DROP CONSTRAINT "FK_e9c6d1514e39d0361ea3159fe9f"',
    );
    await queryRunner.query(
      'ALTER TABLE "profile_matches" DROP CONSTRAINT "FK_2166da56599ace6a9465e5543aa"',
    );
    await queryRunner.query(
      'ALTER TABLE "profiles" DROP CONSTRAINT "FK_234bd989247a75de452bf7328af"',
    );
    await queryRunner.query('ALTER TABLE "jobs" DROP CONSTRAINT "FK_35a2d331194a7db1d8b10f89df1"');
    await queryRunner.query('ALTER TABLE "jobs" DROP CONSTRAINT "FK_3d9a2080fffe3e2c3b72fd56df2"');
    await queryRunner.query(
      'ALTER TABLE "export_items" DROP CONSTRAINT "FK_7bda21571554226820f519772e7"',
    );
    await queryRunner.query(
      'ALTER TABLE "export_items" DROP CONSTRAINT "FK_0595201e7c727b80f9f40f49e52"',
    );
    await queryRunner.query(
      'ALTER TABLE "export_jobs" DROP CONSTRAINT "FK_181a6ffdd34abee80aeebe12516"',
    );
    await queryRunner.query(
      'ALTER TABLE "export_jobs" DROP CONSTRAINT "FK_e430f9e1dd5bc5d0f848ef2477a"',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" DROP CONSTRAINT "FK_555c5c6faa71b218d01bf115be8"',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" DROP CONSTRAINT "FK_ff264bc4ce2916f907cb3e5e293"',
    );
    await queryRunner.query(
      'ALTER TABLE "attachments" DROP CONSTRAINT "FK_4af30039d8c32fe7cd7112229ee"',
    );
    await queryRunner.query(
      'ALTER TABLE "ats_users" DROP CONSTRAINT "FK_0c65d77816e84bc4bde06bc9e4b"',
    );
    await queryRunner.query(
      'ALTER TABLE "ats_users" DROP CONSTRAINT "FK_2ea7b36874d35b8ff3ee581cf10"',
    );
    await queryRunner.query(
      'ALTER TABLE "applications" DROP CONSTRAINT "FK_b669b991b85b808f24b5734990a"',
    );
    await queryRunner.query(
      'ALTER TABLE "applications" DROP CONSTRAINT "FK_0549bd344a6a7a1c93672ec7700"',
    );
    await queryRunner.query(
      'ALTER TABLE "applications" DROP CONSTRAINT "FK_8808eef8dd417f90bcf91cb9fb6"',
    );
    await queryRunner.query(
      'ALTER TABLE "candidates" DROP CONSTRAINT "FK_7e1c2a2a2a167f20196b527ad21"',
    );
    await queryRunner.query(
      'ALTER TABLE "candidates" DROP CONSTRAINT "FK_03919fd83cf4d8a756e0761ce85"',
    );
    await queryRunner.query(
      'ALTER TABLE "connections" DROP CONSTRAINT "FK_383db4461bdeba3d8e970b0ed97"',
    );
    await queryRunner.query(
      'ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973"',
    );
    await queryRunner.query(
      'ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a283bdef18876e525aefaec042f"',
    );
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"');
    await queryRunner.query('DROP INDEX "public"."ix_webhook_deliveries_pending"');
    await queryRunner.query('DROP INDEX "public"."ix_webhook_deliveries_trigger"');
    await queryRunner.query('DROP TABLE "webhook_deliveries"');
    await queryRunner.query('DROP INDEX "public"."ix_sync_runs_connection_created"');
    await queryRunner.query('DROP INDEX "public"."ix_sync_runs_state"');
    await queryRunner.query('DROP TABLE "sync_runs"');
    await queryRunner.query('DROP INDEX "public"."ix_stage_triggers_job_stage"');
    await queryRunner.query('DROP TABLE "stage_triggers"');
    await queryRunner.query('DROP INDEX "public"."uq_stages_remote"');
    await queryRunner.query('DROP INDEX "public"."ix_stages_job"');
    await queryRunner.query('DROP TABLE "stages"');
    await queryRunner.query('DROP INDEX "public"."uq_sources_remote"');
    await queryRunner.query('DROP TABLE "sources"');
    await queryRunner.query('DROP INDEX "public"."uq_rejection_reasons_remote"');
    await queryRunner.query('DROP TABLE "rejection_reasons"');
    await queryRunner.query('DROP INDEX "public"."uq_profile_matches_candidate"');
    await queryRunner.query('DROP INDEX "public"."ix_profile_matches_profile"');
    await queryRunner.query('DROP TABLE "profile_matches"');
    await queryRunner.query('DROP INDEX "public"."uq_profiles_external"');
    await queryRunner.query('DROP INDEX "public"."ix_profiles_org_linkedin"');
    await queryRunner.query('DROP INDEX "public"."ix_profiles_org_github"');
    await queryRunner.query('DROP INDEX "public"."ix_profiles_org_name_key"');
    await queryRunner.query('DROP TABLE "profiles"');
    await queryRunner.query('DROP INDEX "public"."uq_jobs_remote"');
    await queryRunner.query('DROP INDEX "public"."ix_jobs_org_status"');
    await queryRunner.query('DROP TABLE "jobs"');
    await queryRunner.query('DROP INDEX "public"."uq_export_items_job_candidate"');
    await queryRunner.query('DROP INDEX "public"."ix_export_items_previous"');
    await queryRunner.query('DROP TABLE "export_items"');
    await queryRunner.query('DROP INDEX "public"."ix_export_jobs_org_created"');
    await queryRunner.query('DROP TABLE "export_jobs"');
    await queryRunner.query('DROP INDEX "public"."uq_attachments_remote"');
    await queryRunner.query('DROP INDEX "public"."ix_attachments_candidate"');
    await queryRunner.query('DROP TABLE "attachments"');
    await queryRunner.query('DROP INDEX "public"."uq_ats_users_remote"');
    await queryRunner.query('DROP TABLE "ats_users"');
    await queryRunner.query('DROP INDEX "public"."uq_applications_remote"');
    await queryRunner.query('DROP INDEX "public"."ix_applications_candidate"');
    await queryRunner.query('DROP INDEX "public"."ix_applications_org_job_stage"');
    await queryRunner.query('DROP TABLE "applications"');
    await queryRunner.query('DROP INDEX "public"."uq_candidates_remote"');
    await queryRunner.query('DROP INDEX "public"."ix_candidates_org_updated"');
    await queryRunner.query('DROP INDEX "public"."ix_candidates_org_linkedin"');
    await queryRunner.query('DROP INDEX "public"."ix_candidates_org_github"');
    await queryRunner.query('DROP INDEX "public"."ix_candidates_emails"');
    await queryRunner.query('DROP INDEX "public"."ix_candidates_merged_into"');
    await queryRunner.query('DROP TABLE "candidates"');
    await queryRunner.query('DROP INDEX "public"."ix_connections_org"');
    await queryRunner.query('DROP TABLE "connections"');
    await queryRunner.query('DROP INDEX "public"."uq_api_keys_hash"');
    await queryRunner.query('DROP TABLE "api_keys"');
    await queryRunner.query('DROP INDEX "public"."uq_users_org_email"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP TABLE "organizations"');
  }
}
