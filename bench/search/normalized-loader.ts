import type { DataSource, EntityManager } from 'typeorm';
import type { ReferenceData } from '../../test/simulators/generator';
import type { BenchCandidate } from './documents';
import { candidateRows, referenceRows, type Scope } from './normalized-rows';

/** Column name → PostgreSQL type, as jsonb_to_recordset needs them. */
type Columns = Readonly<Record<string, string>>;

const REMOTE: Columns = {
  id: 'uuid',
  organization_id: 'uuid',
  connection_id: 'uuid',
  remote_id: 'text',
};

const TABLES = {
  jobs: { ...REMOTE, title: 'text', status: 'text' },
  stages: { ...REMOTE, name: 'text', position: 'int', type: 'text' },
  sources: { ...REMOTE, name: 'text', type: 'text' },
  ats_users: {
    ...REMOTE,
    first_name: 'text',
    last_name: 'text',
    name: 'text',
    email: 'text',
    role: 'text',
    active: 'boolean',
  },
  rejection_reasons: { ...REMOTE, name: 'text', type: 'text' },
  candidates: {
    ...REMOTE,
    first_name: 'text',
    last_name: 'text',
    full_name: 'text',
    headline: 'text',
    emails: 'text[]',
    phones: 'text[]',
    linkedin_url: 'text',
    github_url: 'text',
    location: 'jsonb',
    current_company: 'text',
    current_title: 'text',
    work_history: 'jsonb',
    education: 'jsonb',
    source_id: 'uuid',
    recruiter_id: 'uuid',
    tags: 'text[]',
    remote_created_at: 'timestamptz',
    remote_updated_at: 'timestamptz',
  },
  applications: {
    ...REMOTE,
    candidate_id: 'uuid',
    job_id: 'uuid',
    stage_id: 'uuid',
    stage_name: 'text',
    status: 'text',
    rejection_reason_id: 'uuid',
    source_id: 'uuid',
    recruiter_id: 'uuid',
    is_prospect: 'boolean',
    applied_at: 'timestamptz',
    remote_updated_at: 'timestamptz',
  },
  attachments: {
    ...REMOTE,
    candidate_id: 'uuid',
    name: 'text',
    type: 'text',
    extracted_text: 'text',
  },
  profiles: {
    id: 'uuid',
    organization_id: 'uuid',
    external_id: 'text',
    full_name: 'text',
    name_key: 'text',
    linkedin_url: 'text',
    emails: 'text[]',
    skills: 'text[]',
    certifications: 'text[]',
    languages: 'text[]',
    industry: 'text',
    company_size: 'text',
  },
  profile_matches: {
    id: 'uuid',
    organization_id: 'uuid',
    candidate_id: 'uuid',
    profile_id: 'uuid',
    rule: 'text',
    confidence: 'real',
  },
} satisfies Record<string, Columns>;

type Table = keyof typeof TABLES;

/** One multi-row INSERT … SELECT FROM jsonb_to_recordset for a table. */
async function insertRows(
  db: EntityManager,
  table: Table,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(TABLES[table]);
  const names = columns.map(([name]) => name).join(', ');
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  await db.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types})`,
    [JSON.stringify(rows)],
  );
}

/**
 * Loads the bench candidates into the normalized model's tables (the sync's job in the product),
 * in bulk, so the naive SQL baseline reads the same candidates the engines index.
 */
export class NormalizedLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {}

  /** The organization, its connection and the ATS reference records. */
  async init(reference: ReferenceData): Promise<void> {
    const { organizationId, connectionId } = this.scope;
    await this.dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [
        organizationId,
        'Bench Org',
      ]);
      await tx.query(
        `INSERT INTO connections (id, organization_id, provider, name, credentials_ciphertext, credentials_key_id)
         VALUES ($1, $2, 'GREENHOUSE', 'Bench ATS', '-', 'bench')`,
        [connectionId, organizationId],
      );
      const rows = referenceRows(this.scope, reference);
      await insertRows(tx, 'jobs', rows.jobs);
      await insertRows(tx, 'stages', rows.stages);
      await insertRows(tx, 'sources', rows.sources);
      await insertRows(tx, 'ats_users', rows.atsUsers);
      await insertRows(tx, 'rejection_reasons', rows.rejectionReasons);
    });
  }

  async insert(batch: readonly BenchCandidate[]): Promise<void> {
    const rows = candidateRows(this.scope, batch);
    await this.dataSource.transaction(async (tx) => {
      await insertRows(tx, 'candidates', rows.candidates);
      await insertRows(tx, 'applications', rows.applications);
      await insertRows(tx, 'attachments', rows.attachments);
      await insertRows(tx, 'profiles', rows.profiles);
      await insertRows(tx, 'profile_matches', rows.profileMatches);
    });
  }
}
