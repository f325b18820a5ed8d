import type { NormalizedProfile } from '../lookup-rules';
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

  const people = profiles.flatMap((profile, index) => {
    const known = [profile.name, profile.company, profile.title].filter(Boolean).length;
    return known >= 2 ? [{ index, ...profile }] : [];
  });
  if (people.length > 0) {
    const p = new SqlParams();
    const org = p.add(organizationId, 'uuid');
    const names = p.add(
      people.map((x) => x.name),
      'text[]',
    );
    const companies = p.add(
      people.map((x) => x.company),
      'text[]',
    );
    const titles = p.add(
      people.map((x) => x.title),
      'text[]',
    );
    const indexes = p.add(
      people.map((x) => x.index),
      'int[]',
    );
    queries.push({
      text: `SELECT p.i AS profile, c.candidate_id AS id, 'NAME_COMPANY_TITLE' AS rule,
  coalesce(c.name_key = p.name, false) AS name, coalesce(c.company = p.company, false) AS company,
  coalesce(c.title = p.title, false) AS title
FROM unnest(${names}, ${companies}, ${titles}, ${indexes}) AS p(name, company, title, i)
JOIN search_candidates c ON c.organization_id = ${org}
  AND ((c.name_key = p.name AND (c.company = p.company OR c.title = p.title))
    OR (c.company = p.company AND c.title = p.title))`,
      values: p.values,
    });
  }
  return queries;
}
