import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * connections.search_reindex: the progress of the background reindex that follows a change of
 * the connection's filterable custom fields (state, generation, processed/total, checkpoint).
 */
export class ConnectionSearchReindex1796690000001 implements MigrationInterface {
  name = 'ConnectionSearchReindex1796690000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "connections" ADD "search_reindex" jsonb');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "connections" DROP COLUMN "search_reindex"');
  }
}
