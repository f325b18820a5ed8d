import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change tracking for the postgres engine's in-memory facet index (src/search/postgres/memory):
 * every candidate insert/update takes a fresh value of one sequence, and removals leave a
 * tombstone with one, so another process catches up with "changes after my mark" instead of
 * reloading. Existing rows get a value from the column default.
 */
export class SearchChangeSeq1795470000000 implements MigrationInterface {
  name = 'SearchChangeSeq1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE search_change_seq');
    await queryRunner.query(
      "ALTER TABLE search_candidates ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('search_change_seq')",
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_change_seq ON search_candidates (organization_id, change_seq)',
    );
    await queryRunner.query(`
      CREATE TABLE search_removed (
        organization_id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        change_seq bigint NOT NULL DEFAULT nextval('search_change_seq')
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_search_removed_change_seq ON search_removed (organization_id, change_seq)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE search_removed');
    await queryRunner.query('DROP INDEX ix_search_candidates_change_seq');
    await queryRunner.query('ALTER TABLE search_candidates DROP COLUMN change_seq');
    await queryRunner.query('DROP SEQUENCE search_change_seq');
  }
}
