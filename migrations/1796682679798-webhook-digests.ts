import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookDigests1796682679798 implements MigrationInterface {
  name = 'WebhookDigests1796682679798';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook_digests" ("connection_id" uuid NOT NULL, "digest" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2ed1f26e3b2fe034a0c2710c3d7" PRIMARY KEY ("connection_id", "digest"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_webhook_digests_expires" ON "webhook_digests" ("expires_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_webhook_digests_expires"');
    await queryRunner.query('DROP TABLE "webhook_digests"');
  }
}
