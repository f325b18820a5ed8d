import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's e-mail branch (`emails && $n::varchar[]` in src/profiles/directory-provider.ts)
 * scanned every profile without it: 3.5 s per batch of 500 candidates at 1,000,000 profiles, and
 * a full rematch of 100,000 candidates took 11 min instead of 49 s (BENCHMARKS.md, "Profile
 * matching"). GIN answers array overlap; the other branches already have B-tree indexes.
 */
export class ProfileEmailsIndex1796700000000 implements MigrationInterface {
  name = 'ProfileEmailsIndex1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_profiles_emails" ON "profiles" USING gin ("emails")');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_profiles_emails"');
  }
}
