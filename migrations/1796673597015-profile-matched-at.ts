import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProfileMatchedAt1796673597015 implements MigrationInterface {
  name = 'ProfileMatchedAt1796673597015';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "profile_matches" ADD "matched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "profile_matches" DROP COLUMN "matched_at"');
  }
}
