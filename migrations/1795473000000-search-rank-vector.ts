import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Relevance is ranked on the weighted fields only (name, titles, companies, skills, headline,
 * schools, ...: weights A–C), not on the resume text (weight D). The full tsvector is large and
 * stored out of line, so ranking a common word read and decompressed it for every match (about
 * 1 s for 77,000 matches at 1,000,000 candidates); this copy is small and kept in the row.
 * A match only in the resume ranks 0, below any match in a field, ties by id (SEMANTICS.md).
 */
export class SearchRankVector1795473000000 implements MigrationInterface {
  name = 'SearchRankVector1795473000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE search_candidates ADD COLUMN rank_tsv tsvector GENERATED ALWAYS AS (ts_filter(tsv, '{a,b,c}')) STORED`,
    );
    // Compressed in the row rather than moved to the TOAST table, so ranking reads no extra pages.
    await queryRunner.query('ALTER TABLE search_candidates ALTER COLUMN rank_tsv SET STORAGE MAIN');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE search_candidates DROP COLUMN rank_tsv');
  }
}
