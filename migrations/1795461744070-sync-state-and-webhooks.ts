import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncStateAndWebhooks1795461744070 implements MigrationInterface {
  name = 'SyncStateAndWebhooks1795461744070';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "sync_seen" ("sync_run_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "remote_id" character varying(128) NOT NULL, CONSTRAINT "PK_39120cd7928ae383391eee82edc" PRIMARY KEY ("sync_run_id", "kind", "remote_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_receipts" ("connection_id" uuid NOT NULL, "delivery_key" character varying(200) NOT NULL, "organization_id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_88b7614f21a089dec95fbac107e" PRIMARY KEY ("connection_id", "delivery_key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_webhook_receipts_received" ON "webhook_receipts" ("received_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "connections" ADD "webhook_registrations" jsonb NOT NULL DEFAULT \'[]\'',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "connections" DROP COLUMN "webhook_registrations"');
    await queryRunner.query('DROP INDEX "public"."ix_webhook_receipts_received"');
    await queryRunner.query('DROP TABLE "webhook_receipts"');
    await queryRunner.query('DROP TABLE "sync_seen"');
  }
}
