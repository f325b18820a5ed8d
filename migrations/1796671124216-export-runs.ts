import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExportRuns1796671124216 implements MigrationInterface {
  name = 'ExportRuns1796671124216';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "export_jobs" ADD "dry_run" boolean NOT NULL DEFAULT false',
    );
    await queryRunner.query('ALTER TABLE "export_jobs" ADD "user_email" character varying(320)');
    await queryRunner.query(
      'ALTER TABLE "export_items" ADD "position" integer NOT NULL DEFAULT \'0\'',
    );
    await queryRunner.query('ALTER TABLE "export_items" ADD "outcome" character varying(32)');
    await queryRunner.query(
      'ALTER TABLE "export_items" ADD "sent_fields" character varying array NOT NULL DEFAULT \'{}\'',
    );
    await queryRunner.query(
      'ALTER TABLE "export_items" ADD "finished_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_export_items_job_position" ON "export_items" ("export_job_id", "position") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_export_items_job_position"');
    await queryRunner.query('ALTER TABLE "export_items" DROP COLUMN "finished_at"');
    await queryRunner.query('ALTER TABLE "export_items" DROP COLUMN "sent_fields"');
    await queryRunner.query('ALTER TABLE "export_items" DROP COLUMN "outcome"');
    await queryRunner.query('ALTER TABLE "export_items" DROP COLUMN "position"');
    await queryRunner.query('ALTER TABLE "export_jobs" DROP COLUMN "user_email"');
    await queryRunner.query('ALTER TABLE "export_jobs" DROP COLUMN "dry_run"');
  }
}
