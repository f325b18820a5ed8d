import { MAX_MATCHES_PER_PROFILE, type NormalizedProfile } from '../lookup-rules';
import { SqlParams, type SqlQuery } from './sql-params';

/**
 * One query per rule for a whole batch of profiles (profiles travel as arrays, joined with
 * unnest), so a page of 25 lookups is 4 round trips, not 100. Pure.
 */
export function buildLookupQueries(
  organizationId: string,
  profiles: NormalizedProfile[],
): SqlQuery[] {
  const queries: SqlQuery[] = [];
  const byKey = (key: 'linkedinUrl' | 'githubUrl' | 'email', rule: string, join: string): void => {
    const items = profiles.flatMap((profile, index) =>
      profile[key] ? [{ index, value: profile[key] }] : [],
    );
    if (items.length === 0) return;
    const p = new SqlParams();
    const org = p.add(organizationId, 'uuid');
    const values = p.add(
      items.map((i) => i.value),
      'text[]',
    );
    const indexes = p.add(
      items.map((i) => i.index),
      'int[]',
    );
    queries.push({
      text: `SELECT p.i AS profile, c.candidate_id AS id, '${rule}' AS rule, true AS name, true AS company, true AS title
FROM unnest(${values}, ${indexes}) AS p(value, i)
JOIN search_candidates c ON c.organization_id = ${org} AND ${join}`,
      values: p.values,
    });
  };
  byKey('linkedinUrl', 'LINKEDIN_URL', 'c.linkedin_url = p.value');
  byKey('githubUrl', 'GITHUB_URL', 'c.github_url = p.value');
  byKey('email', 'EMAIL', 'c.emails @> ARRAY[p.value]');

  // Name + company + title: each pair of keys is its own indexed query, cut at the per-profile
  // limit, so a common title at a big employer cannot turn one lookup into a scan of thousands.
  const pairs: [keyof NormalizedProfile, string, keyof NormalizedProfile, string][] = [
    ['name', 'c.name_key', 'company', 'c.company'],
    ['name', 'c.name_key', 'title', 'c.title'],
    ['company', 'c.company', 'title', 'c.title'],
  ];
  for (const [a, columnA, b, columnB] of pairs) {
    const items = profiles.flatMap((profile, index) =>
      profile[a] && profile[b] ? [{ index, a: profile[a], b: profile[b], profile }] : [],
    );
    if (items.length === 0) continue;
    const p = new SqlParams();
    const org = p.add(organizationId, 'uuid');
    const as = p.add(
      items.map((x) => x.a),
      'text[]',
    );
    const bs = p.add(
      items.map((x) => x.b),
      'text[]',
    );
    const names = p.add(
      items.map((x) => x.profile.name),
      'text[]',
    );
    const companies = p.add(
      items.map((x) => x.profile.company),
      'text[]',
    );
    const titles = p.add(
      items.map((x) => x.profile.title),
      'text[]',
    );
    const indexes = p.add(
      items.map((x) => x.index),
      'int[]',
    );
    queries.push({
      text: `SELECT p.i AS profile, m.candidate_id AS id, 'NAME_COMPANY_TITLE' AS rule,
  coalesce(m.name_key = p.name, false) AS name, coalesce(m.company = p.company, false) AS company,
  coalesce(m.title = p.title, false) AS title
FROM unnest(${as}, ${bs}, ${names}, ${companies}, ${titles}, ${indexes}) AS p(a, b, name, company, title, i)
CROSS JOIN LATERAL (
  SELECT c.candidate_id, c.name_key, c.company, c.title FROM search_candidates c
  WHERE c.organization_id = ${org} AND ${columnA} = p.a AND ${columnB} = p.b
  ORDER BY c.candidate_id
  LIMIT ${MAX_MATCHES_PER_PROFILE}
) m`,
      values: p.values,
    });
  }
  return queries;
}
