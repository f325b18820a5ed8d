import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The postgres search engine's own tables (src/search/postgres), shaped for search: one narrow
 * row per candidate with normalized value columns, one GIN-indexed `filter_keys` array for every
 * equality filter, a tsvector with field-prefixed lexemes, applications for the
 * same-application rule, display labels, and the full document for highlights. Not TypeORM
 * entities: only the engine reads and writes them.
 */
export class SearchTables1795461000000 implements MigrationInterface {
  name = 'SearchTables1795461000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE search_candidates (
        candidate_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        connection_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        name_key text NOT NULL,
        last_updated timestamptz NOT NULL,
        source text,
        recruiter_id text,
        location text,
        company text,
        title text,
        industry text,
        company_size text,
        stages text[] NOT NULL DEFAULT '{}',
        job_ids text[] NOT NULL DEFAULT '{}',
        rejection_reasons text[] NOT NULL DEFAULT '{}',
        past_companies text[] NOT NULL DEFAULT '{}',
        past_titles text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        schools text[] NOT NULL DEFAULT '{}',
        degrees text[] NOT NULL DEFAULT '{}',
        majors text[] NOT NULL DEFAULT '{}',
        certifications text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        years_experience real,
        years_in_role real,
        emails text[] NOT NULL DEFAULT '{}',
        linkedin_url text,
        github_url text,
        filter_keys text[] NOT NULL DEFAULT '{}',
        tsv tsvector NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_tsv ON search_candidates USING gin (tsv)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_filter_keys ON search_candidates USING gin (filter_keys)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_updated ON search_candidates (organization_id, last_updated DESC, candidate_id)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_name ON search_candidates (organization_id, name_key, candidate_id)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_connection ON search_candidates (organization_id, connection_id)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_linkedin ON search_candidates (organization_id, linkedin_url) WHERE linkedin_url IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_github ON search_candidates (organization_id, github_url) WHERE github_url IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_emails ON search_candidates USING gin (emails)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_company ON search_candidates (organization_id, company)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_candidates_title ON search_candidates (organization_id, title)',
    );

    await queryRunner.query(`
      CREATE TABLE search_applications (
        candidate_id uuid NOT NULL REFERENCES search_candidates (candidate_id) ON DELETE CASCADE,
        application_id text NOT NULL,
        organization_id uuid NOT NULL,
        job_id text,
        stage text,
        rejection_reason text,
        PRIMARY KEY (candidate_id, application_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_search_applications_job ON search_applications (organization_id, job_id, stage)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_search_applications_stage ON search_applications (organization_id, stage)',
    );

    await queryRunner.query(`
      CREATE TABLE search_documents (
        candidate_id uuid PRIMARY KEY REFERENCES search_candidates (candidate_id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        document jsonb NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE search_labels (
        organization_id uuid NOT NULL,
        prefix text NOT NULL,
        value text NOT NULL,
        label text NOT NULL,
        PRIMARY KEY (organization_id, prefix, value)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE search_labels');
    await queryRunner.query('DROP TABLE search_documents');
    await queryRunner.query('DROP TABLE search_applications');
    await queryRunner.query('DROP TABLE search_candidates');
  }
}
