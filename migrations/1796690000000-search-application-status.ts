import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Application status in the postgres engine's tables (the STATUS facet and `statuses` filter):
 * search_applications.status for the same-application rule, search_candidates.statuses plus
 * `st<US>STATUS` entries in filter_keys for the filter. Existing rows are filled from the stored
 * documents (their applications carry the status), taking a new change_seq so the in-memory
 * facet indexes of running processes pick the change up.
 */
export class SearchApplicationStatus1796690000000 implements MigrationInterface {
  name = 'SearchApplicationStatus1796690000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE search_applications ADD COLUMN status text');
    await queryRunner.query(
      "ALTER TABLE search_candidates ADD COLUMN statuses text[] NOT NULL DEFAULT '{}'",
    );
    await queryRunner.query(`
      UPDATE search_applications a SET status = nullif(btrim(x.app ->> 'status'), '')
      FROM search_documents d
      CROSS JOIN LATERAL jsonb_array_elements(d.document -> 'applications') AS x(app)
      WHERE d.candidate_id = a.candidate_id AND x.app ->> 'applicationId' = a.application_id`);
    await queryRunner.query(`
      UPDATE search_candidates c
      SET statuses = s.statuses,
        filter_keys = c.filter_keys || s.keys,
        change_seq = nextval('search_change_seq')
      FROM (
        SELECT candidate_id, array_agg(DISTINCT status ORDER BY status) AS statuses,
          array_agg(DISTINCT 'st' || chr(31) || status) AS keys
        FROM search_applications WHERE status IS NOT NULL GROUP BY candidate_id
      ) s
      WHERE s.candidate_id = c.candidate_id`);
    await queryRunner.query(
      'CREATE INDEX ix_search_applications_status ON search_applications (organization_id, status)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_search_applications_status');
    await queryRunner.query(
      "UPDATE search_candidates SET filter_keys = ARRAY(SELECT k FROM unnest(filter_keys) k WHERE left(k, 3) <> 'st' || chr(31)) WHERE cardinality(statuses) > 0",
    );
    await queryRunner.query('ALTER TABLE search_candidates DROP COLUMN statuses');
    await queryRunner.query('ALTER TABLE search_applications DROP COLUMN status');
  }
}
