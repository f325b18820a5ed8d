import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connect lookup by company + title at scale: one index serves "company = ? AND title = ?"
 * in candidate-id order (the lookup takes the first 20), replacing the two single-column ones.
 */
export class SearchLookupIndex1795469136005 implements MigrationInterface {
  name = 'SearchLookupIndex1795469136005';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_company_title ON search_candidates (organization_id, company, title, candidate_id)',
    );
    await queryRunner.query('DROP INDEX ix_search_candidates_company');
    await queryRunner.query('DROP INDEX ix_search_candidates_title');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_title ON search_candidates (organization_id, title)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_company ON search_candidates (organization_id, company)',
    );
    await queryRunner.query('DROP INDEX ix_search_candidates_company_title');
  }
}
