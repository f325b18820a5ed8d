import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Query text moves out of the wide search_candidates row into search_text, a narrow table of
 * (candidate, organization, rank_tsv, tsv). The full tsvector is pushed out of line
 * (toast_tuple_target) so a text match reads a ~100-byte row; rank_tsv, the profile fields'
 * plain words (no resume, no field-scoped copies), stays in the row (STORAGE MAIN) so ranking
 * every match does not de-TOAST every full tsvector. At 200,000 candidates the ids of a common
 * word's 34,565 matches came back in 53 ms instead of 187 ms, its top 21 by relevance in 61 ms
 * instead of 527 ms.
 */
export class SearchTextTable1795474000000 implements MigrationInterface {
  name = 'SearchTextTable1795474000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE search_text (
        candidate_id uuid PRIMARY KEY REFERENCES search_candidates (candidate_id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        rank_tsv tsvector NOT NULL,
        tsv tsvector NOT NULL
      ) WITH (toast_tuple_target = 128)`);
    await queryRunner.query('ALTER TABLE search_text ALTER COLUMN rank_tsv SET STORAGE MAIN');
    // The same rank_tsv tsvector-builder.ts writes: weights A-C, no `x~word` scoped copies.
    await queryRunner.query(`
      INSERT INTO search_text (candidate_id, organization_id, rank_tsv, tsv)
      SELECT candidate_id, organization_id,
        ts_delete(
          ts_filter(tsv, '{a,b,c}'),
          ARRAY(SELECT l FROM unnest(tsvector_to_array(tsv)) AS l WHERE l LIKE '%~%')
        ),
        tsv
      FROM search_candidates`);
    await queryRunner.query('CREATE INDEX ix_search_text_tsv ON search_text USING gin (tsv)');
    await queryRunner.query('DROP INDEX ix_search_candidates_tsv');
    await queryRunner.query('ALTER TABLE search_candidates DROP COLUMN tsv');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE search_candidates ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector",
    );
    await queryRunner.query(
      'UPDATE search_candidates c SET tsv = t.tsv FROM search_text t WHERE t.candidate_id = c.candidate_id',
    );
    await queryRunner.query('ALTER TABLE search_candidates ALTER COLUMN tsv DROP DEFAULT');
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_tsv ON search_candidates USING gin (tsv)',
    );
    await queryRunner.query('DROP TABLE search_text');
  }
}
