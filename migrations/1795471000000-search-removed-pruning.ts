import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tombstones of removed search documents get a time, so they can be pruned once no memory index
 * can still need them (src/search/postgres/memory reloads an organization it has not caught up
 * for longer than the tombstones are kept).
 */
export class SearchRemovedPruning1795471000000 implements MigrationInterface {
  name = 'SearchRemovedPruning1795471000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE search_removed ADD COLUMN removed_at timestamptz NOT NULL DEFAULT now()',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_removed_removed_at ON search_removed (removed_at)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_search_removed_removed_at');
    await queryRunner.query('ALTER TABLE search_removed DROP COLUMN removed_at');
  }
}
