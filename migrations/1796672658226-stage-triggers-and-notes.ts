import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An application entering a stage that an active trigger watches becomes one
 * stage_change_events row, written by the database in the transaction that moved it: whichever
 * of a sync page, a webhook or a second worker writes the move first makes the event, a write
 * that changes nothing makes none, and leaving and re-entering makes a new one. The NOTIFY (on
 * the app's event channel, sent at commit) wakes the dispatcher.
 */
const STAGE_ENTRY_FUNCTION = `
CREATE FUNCTION rediscover_stage_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.stage_name IS NULL OR NEW.job_id IS NULL OR NEW.deleted_at IS NOT NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.stage_name IS NOT DISTINCT FROM OLD.stage_name
     AND NEW.job_id IS NOT DISTINCT FROM OLD.job_id THEN
    RETURN NULL;
  END IF;
  INSERT INTO stage_change_events
    (organization_id, trigger_id, application_id, candidate_id, job_id, stage, previous_stage)
  SELECT NEW.organization_id, t.id, NEW.id, NEW.candidate_id, NEW.job_id, NEW.stage_name,
         CASE WHEN TG_OP = 'UPDATE' AND OLD.job_id IS NOT DISTINCT FROM NEW.job_id
              THEN OLD.stage_name END
  FROM stage_triggers t
  WHERE t.organization_id = NEW.organization_id AND t.job_id = NEW.job_id
    AND t.stage = NEW.stage_name AND t.active;
  IF FOUND THEN
    PERFORM pg_notify('rediscover_events',
      json_build_object('topic', 'stage-entries', 'payload', NEW.organization_id)::text);
  END IF;
  RETURN NULL;
END $$`;

export class StageTriggersAndNotes1796672658226 implements MigrationInterface {
  name = 'StageTriggersAndNotes1796672658226';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "candidate_id" uuid NOT NULL, "connection_id" uuid NOT NULL, "user_id" uuid NOT NULL, "text" text NOT NULL, "state" character varying(16) NOT NULL DEFAULT \'PENDING\', "remote_id" character varying(128), "attempts" integer NOT NULL DEFAULT \'0\', "error" text, "written_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_af6206538ea96c4e77e9f400c3d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_notes_pending" ON "notes" ("state", "created_at") ');
    await queryRunner.query(
      'CREATE INDEX "ix_notes_candidate" ON "notes" ("organization_id", "candidate_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "stage_change_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "trigger_id" uuid NOT NULL, "application_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "job_id" uuid NOT NULL, "stage" character varying(200) NOT NULL, "previous_stage" character varying(200), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2ed228b11cac91fc24b266c4e35" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_stage_change_events_trigger" ON "stage_change_events" ("trigger_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_stage_change_events_unpublished" ON "stage_change_events" ("published_at", "created_at") ',
    );
    await queryRunner.query('ALTER TABLE "stage_triggers" ADD "disabled_reason" text');
    await queryRunner.query('ALTER TABLE "webhook_deliveries" ADD "event_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "webhook_deliveries" ADD "attempt_log" jsonb NOT NULL DEFAULT \'[]\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_webhook_deliveries_event" ON "webhook_deliveries" ("event_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "notes" ADD CONSTRAINT "FK_67ac36febe55675fe7e04b53b53" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_change_events" ADD CONSTRAINT "FK_d924e228185a1792f3c1f265855" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_change_events" ADD CONSTRAINT "FK_75e7c903cc6c483f87b258878ef" FOREIGN KEY ("trigger_id") REFERENCES "stage_triggers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(STAGE_ENTRY_FUNCTION);
    await queryRunner.query(
      'CREATE TRIGGER applications_stage_entry AFTER INSERT OR UPDATE OF stage_name, job_id, deleted_at ON applications FOR EACH ROW EXECUTE FUNCTION rediscover_stage_entry()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER applications_stage_entry ON applications');
    await queryRunner.query('DROP FUNCTION rediscover_stage_entry()');
    await queryRunner.query(
      'ALTER TABLE "stage_change_events" DROP CONSTRAINT "FK_75e7c903cc6c483f87b258878ef"',
    );
    await queryRunner.query(
      'ALTER TABLE "stage_change_events" DROP CONSTRAINT "FK_d924e228185a1792f3c1f265855"',
    );
    await queryRunner.query('ALTER TABLE "notes" DROP CONSTRAINT "FK_67ac36febe55675fe7e04b53b53"');
    await queryRunner.query('DROP INDEX "public"."uq_webhook_deliveries_event"');
    await queryRunner.query('ALTER TABLE "webhook_deliveries" DROP COLUMN "attempt_log"');
    await queryRunner.query('ALTER TABLE "webhook_deliveries" DROP COLUMN "event_id"');
    await queryRunner.query('ALTER TABLE "stage_triggers" DROP COLUMN "disabled_reason"');
    await queryRunner.query('DROP INDEX "public"."ix_stage_change_events_unpublished"');
    await queryRunner.query('DROP INDEX "public"."ix_stage_change_events_trigger"');
    await queryRunner.query('DROP TABLE "stage_change_events"');
    await queryRunner.query('DROP INDEX "public"."ix_notes_candidate"');
    await queryRunner.query('DROP INDEX "public"."ix_notes_pending"');
    await queryRunner.query('DROP TABLE "notes"');
  }
}
