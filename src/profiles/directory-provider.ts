import type { DataSource } from 'typeorm';
import type { Identity, ProfileIdentity } from './match-rules';
import type { ProfileProvider } from './profile-provider';

/** `[name, startDate, endDate]` of an employer or school: what the name rule compares. */
type PeriodRow = [string, string | null, string | null];

/** What matching reads of a profile (not the enrichment: titles, skills, raw, …). */
interface DirectoryRow {
  id: string;
  linkedin_url: string | null;
  github_url: string | null;
  emails: string[];
  name_key: string;
  employers: PeriodRow[];
  schools: PeriodRow[];
}

/**
 * The named entries of a jsonb list as `[name, startDate, endDate]` triples: PostgreSQL trims
 * each profile's work history and education to what the rules read, so this process parses a
 * fraction of the JSON (thousands of namesake profiles come back per batch of candidates).
 */
const periods = (column: string, name: string) =>
  `(SELECT coalesce(jsonb_agg(jsonb_build_array(x->>'${name}', x->>'startDate', x->>'endDate')), '[]')
    FROM jsonb_array_elements(${column}) AS x WHERE coalesce(x->>'${name}', '') <> '')`;

/**
 * The organization's profiles that share a LinkedIn URL, GitHub URL, e-mail or folded name with
 * the identities, as one statement. Each kind of key is its own branch of a UNION so that each
 * is found through its own index (one OR over the four columns is planned as a scan of every
 * profile of the organization). Null when the identities carry no key at all.
 */
export function directoryProfilesQuery(
  organizationId: string,
  identities: readonly Identity[],
): { text: string; values: unknown[] } | null {
  const set = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const keys: [(param: string) => string, string[]][] = [
    [(p) => `linkedin_url = ANY(${p}::varchar[])`, set(identities.map((i) => i.linkedinUrl))],
    [(p) => `github_url = ANY(${p}::varchar[])`, set(identities.map((i) => i.githubUrl))],
    [(p) => `emails && ${p}::varchar[]`, set(identities.flatMap((i) => i.emails))],
    [(p) => `name_key = ANY(${p}::varchar[])`, set(identities.map((i) => i.nameKey))],
  ];
  const values: unknown[] = [organizationId];
  const branches: string[] = [];
  for (const [condition, list] of keys) {
    if (list.length === 0) continue;
    values.push(list);
    branches.push(
      `SELECT id FROM profiles WHERE organization_id = $1 AND ${condition(`$${values.length}`)}`,
    );
  }
  if (branches.length === 0) return null;
  return {
    text: `SELECT id, linkedin_url, github_url, emails, name_key,
  ${periods('work_history', 'company')} AS employers,
  ${periods('education', 'school')} AS schools
FROM profiles WHERE organization_id = $1 AND id IN (\n${branches.join('\nUNION ALL ')})`,
    values,
  };
}

/** The organization's imported profile directory: one indexed query for a whole batch. */
export class DirectoryProfileProvider implements ProfileProvider {
  readonly fromDirectory = true;
  constructor(private readonly dataSource: DataSource) {}

  async candidatesFor(
    organizationId: string,
    identities: readonly Identity[],
  ): Promise<ProfileIdentity[]> {
    const query = directoryProfilesQuery(organizationId, identities);
    if (!query) return [];
    const rows = await this.dataSource.query<DirectoryRow[]>(query.text, query.values);
    return rows.map((row) => ({
      id: row.id,
      linkedinUrl: row.linkedin_url,
      githubUrl: row.github_url,
      emails: row.emails.map((e) => e.toLowerCase()),
      nameKey: row.name_key,
      employers: row.employers.map(([name, start, end]) => ({ name, start, end })),
      schools: row.schools.map(([name, start, end]) => ({ name, start, end })),
    }));
  }
}
