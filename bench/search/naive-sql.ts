import { lastUpdatedBound } from '../../src/search/facet-keys';
import type { QueryNode } from '../../src/search/query/ast';
import {
  LAST_UPDATED_RANGES,
  type FacetField,
  type InsightDimension,
} from '../../src/search/search-types';
import { SqlParams, type SqlQuery } from '../../src/search/postgres/sql-params';
import type { BenchFilter } from './query-terms';

/**
 * What a team without a search engine would write over the normalized tables: ILIKE over the
 * candidate's text (its columns, its work history and education as JSON text, its profile's
 * skills and its resume), joins to the ATS reference tables, one GROUP BY per facet or
 * insight dimension, each facet with every filter but its own. No index is added for it: it
 * uses the tables as the migrations create them. Pure: SQL + parameters out.
 */

/** Candidates with their resume and profile, and `h.hay`: every searchable text as one string. */
const TEXT_FROM = `candidates c
  LEFT JOIN attachments att ON att.candidate_id = c.id AND att.type = 'RESUME'
  LEFT JOIN profile_matches pm ON pm.candidate_id = c.id
  LEFT JOIN profiles p ON p.id = pm.profile_id
  CROSS JOIN LATERAL (SELECT concat_ws(' ', c.full_name, c.headline, c.current_title, c.current_company,
    c.location->>'text', c.work_history::text, c.education::text, array_to_string(c.emails, ' '),
    array_to_string(c.tags, ' '), array_to_string(p.skills, ' '), array_to_string(p.certifications, ' '),
    array_to_string(p.languages, ' '), p.industry, att.extracted_text) AS hay) h`;

/** Field scopes of the query language, as the text they search. */
const FIELD_TEXT: Record<string, string> = {
  name: 'c.full_name',
  title: "concat_ws(' ', c.current_title, c.work_history::text)",
  company: "concat_ws(' ', c.current_company, c.work_history::text)",
  school: 'c.education::text',
  skill: "array_to_string(p.skills, ' ')",
  location: "c.location->>'text'",
  email: "array_to_string(c.emails, ' ')",
  resume: 'att.extracted_text',
};

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** The Boolean AST as ILIKE conditions: words and phrases are substrings, nothing is ranked. */
export function textCondition(p: SqlParams, node: QueryNode): string {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return `${node.field ? (FIELD_TEXT[node.field] ?? 'h.hay') : 'h.hay'} ILIKE ${p.add(likePattern(node.value))}`;
    case 'and':
    case 'or':
      return `(${node.children.map((child) => textCondition(p, child)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `NOT (${textCondition(p, node.child)})`;
  }
}

function scope(p: SqlParams, organizationId: string): string {
  return `c.organization_id = ${p.add(organizationId, 'uuid')} AND c.deleted_at IS NULL`;
}

/** A page of hits (newest first: ILIKE cannot rank) and the total, for a text query. */
export function textSearch(organizationId: string, query: QueryNode, first: number): SqlQuery[] {
  const p = new SqlParams();
  const where = `${scope(p, organizationId)} AND ${textCondition(p, query)}`;
  return [
    {
      text: `SELECT c.id FROM ${TEXT_FROM} WHERE ${where} ORDER BY c.remote_updated_at DESC, c.id LIMIT ${first + 1}`,
      values: p.values,
    },
    { text: `SELECT count(*)::int AS n FROM ${TEXT_FROM} WHERE ${where}`, values: p.values },
  ];
}

type FilterKey = keyof BenchFilter;

const FACET_OWN_FILTER: Partial<Record<FacetField, FilterKey>> = {
  STAGE: 'stage',
  SKILL: 'skill',
  LOCATION: 'location',
};

/** Candidate-level conditions of the filters, minus `except` (the facet's own). */
function filterConditions(
  p: SqlParams,
  filter: BenchFilter | null,
  except: ReadonlySet<FilterKey>,
): string[] {
  if (!filter) return [];
  const conditions: string[] = [];
  if (!except.has('stage'))
    conditions.push(`EXISTS (SELECT 1 FROM applications fa JOIN stages fs ON fs.id = fa.stage_id
      WHERE fa.candidate_id = c.id AND fs.name = ${p.add(filter.stage)})`);
  if (!except.has('skill'))
    conditions.push(`EXISTS (SELECT 1 FROM profile_matches fpm JOIN profiles fp ON fp.id = fpm.profile_id
      WHERE fpm.candidate_id = c.id AND ${p.add(filter.skill)} = ANY(fp.skills))`);
  if (!except.has('location')) conditions.push(`c.location->>'text' = ${p.add(filter.location)}`);
  return conditions;
}

/** Hits, total, and one GROUP BY per facet: what a faceted browse costs the naive way. */
export function facetedSearch(
  organizationId: string,
  filter: BenchFilter | null,
  facets: readonly FacetField[],
  first: number,
  facetSize: number,
  now: Date,
): SqlQuery[] {
  const p = new SqlParams();
  const where = [scope(p, organizationId), ...filterConditions(p, filter, new Set())].join(' AND ');
  return [
    {
      text: `SELECT c.id FROM candidates c WHERE ${where} ORDER BY c.remote_updated_at DESC, c.id LIMIT ${first + 1}`,
      values: p.values,
    },
    { text: `SELECT count(*)::int AS n FROM candidates c WHERE ${where}`, values: p.values },
    ...facets.map((facet) => facetQuery(organizationId, filter, facet, facetSize, now)),
  ];
}

function facetQuery(
  organizationId: string,
  filter: BenchFilter | null,
  facet: FacetField,
  facetSize: number,
  now: Date,
): SqlQuery {
  const p = new SqlParams();
  const own = FACET_OWN_FILTER[facet];
  const applicationFacet = facet === 'JOB' || facet === 'REJECTION_REASON';
  // Application facets count the applications at the selected stage (the same application).
  const except = new Set<FilterKey>(own ? [own] : applicationFacet ? ['stage'] : []);
  const where = [scope(p, organizationId), ...filterConditions(p, filter, except)];
  if (facet === 'LAST_UPDATED') {
    const counts = LAST_UPDATED_RANGES.map((range) => {
      const { from, to } = lastUpdatedBound(range, now);
      const test = from
        ? `c.remote_updated_at >= ${p.add(from.toISOString(), 'timestamptz')}`
        : `c.remote_updated_at < ${p.add(to?.toISOString(), 'timestamptz')}`;
      return `count(*) FILTER (WHERE ${test})::int AS "${range}"`;
    });
    return {
      text: `SELECT ${counts.join(', ')} FROM candidates c WHERE ${where.join(' AND ')}`,
      values: p.values,
    };
  }
  const group = FACET_GROUPS[facet];
  if (!group) throw new Error(`the naive SQL has no facet ${facet}`);
  if (applicationFacet && filter)
    where.push(
      `EXISTS (SELECT 1 FROM stages ss WHERE ss.id = a.stage_id AND ss.name = ${p.add(filter.stage)})`,
    );
  return {
    text: `SELECT ${group.value} AS value, count(DISTINCT c.id)::int AS n
FROM candidates c ${group.join}
WHERE ${where.join(' AND ')} AND ${group.value} IS NOT NULL
GROUP BY ${group.groupBy ?? group.value}
ORDER BY n DESC, value LIMIT ${p.add(facetSize, 'int')}`,
    values: p.values,
  };
}

interface Group {
  join: string;
  value: string;
  groupBy?: string;
}

const FACET_GROUPS: Partial<Record<FacetField, Group>> = {
  STAGE: {
    join: 'JOIN applications a ON a.candidate_id = c.id JOIN stages s ON s.id = a.stage_id',
    value: 's.name',
  },
  JOB: {
    join: 'JOIN applications a ON a.candidate_id = c.id JOIN jobs j ON j.id = a.job_id',
    value: 'j.title',
    groupBy: 'j.id, j.title',
  },
  REJECTION_REASON: {
    join: 'JOIN applications a ON a.candidate_id = c.id JOIN rejection_reasons r ON r.id = a.rejection_reason_id',
    value: 'r.name',
  },
  SOURCE: { join: 'JOIN sources src ON src.id = c.source_id', value: 'src.name' },
  RECRUITER: {
    join: 'JOIN ats_users u ON u.id = c.recruiter_id',
    value: 'u.name',
    groupBy: 'u.id, u.name',
  },
  LOCATION: { join: '', value: "c.location->>'text'" },
  COMPANY: { join: '', value: 'c.current_company' },
  TITLE: { join: '', value: 'c.current_title' },
  SKILL: {
    join: 'JOIN profile_matches pm ON pm.candidate_id = c.id JOIN profiles p ON p.id = pm.profile_id CROSS JOIN LATERAL unnest(p.skills) AS sk(v)',
    value: 'sk.v',
  },
  SCHOOL: {
    join: 'CROSS JOIN LATERAL jsonb_array_elements(c.education) AS ed(e)',
    value: "ed.e->>'school'",
  },
};

const yearsBucket = (years: string): string => `CASE WHEN ${years} IS NULL THEN NULL
  WHEN ${years} < 2 THEN '0-2' WHEN ${years} < 5 THEN '2-5' WHEN ${years} < 10 THEN '5-10'
  WHEN ${years} < 15 THEN '10-15' WHEN ${years} < 20 THEN '15-20' ELSE '20+' END`;

/** Per insight dimension: the value rows of one matched candidate `m`. */
function dimensionValues(dimension: InsightDimension, year: () => string): string {
  const past = `FROM m CROSS JOIN LATERAL jsonb_array_elements(m.work_history) AS w(e) WHERE NOT coalesce((w.e->>'current')::boolean, false)`;
  const education = (key: string): string =>
    `SELECT m.id, ed.e->>'${key}' AS value FROM m CROSS JOIN LATERAL jsonb_array_elements(m.education) AS ed(e)`;
  const unnested = (column: string): string =>
    `SELECT m.id, x.v AS value FROM m CROSS JOIN LATERAL unnest(m.${column}) AS x(v)`;
  const yearsSince = (filter: string): string =>
    `SELECT m.id, ${yearsBucket('y.v')} AS value FROM m CROSS JOIN LATERAL (
      SELECT ${year()} - min(substr(w.e->>'startDate', 1, 4)::int)
      FROM jsonb_array_elements(m.work_history) AS w(e)${filter}) AS y(v)`;
  switch (dimension) {
    case 'LOCATION':
      return "SELECT m.id, m.location->>'text' AS value FROM m";
    case 'CURRENT_COMPANY':
      return 'SELECT m.id, m.current_company AS value FROM m';
    case 'CURRENT_TITLE':
      return 'SELECT m.id, m.current_title AS value FROM m';
    case 'PAST_COMPANY':
      return `SELECT m.id, w.e->>'company' AS value ${past}`;
    case 'PAST_TITLE':
      return `SELECT m.id, w.e->>'title' AS value ${past}`;
    case 'SKILL':
      return unnested('skills');
    case 'YEARS_OF_EXPERIENCE':
      return yearsSince('');
    case 'YEARS_IN_ROLE':
      return yearsSince(" WHERE (w.e->>'current')::boolean");
    case 'SCHOOL':
      return education('school');
    case 'DEGREE':
      return education('degree');
    case 'MAJOR':
      return education('major');
    case 'INDUSTRY':
      return 'SELECT m.id, m.industry AS value FROM m';
    case 'COMPANY_SIZE':
      return 'SELECT m.id, m.company_size AS value FROM m';
    case 'CERTIFICATION':
      return unnested('certifications');
    case 'LANGUAGE':
      return unnested('languages');
    default:
      throw new Error(`the naive SQL has no insight dimension ${dimension}`);
  }
}

/**
 * One query per dimension, each scanning the text again: the top `size` values, the candidates
 * with a value outside them, and those without one.
 */
export function insightQueries(
  organizationId: string,
  query: QueryNode,
  dimensions: readonly InsightDimension[],
  size: number,
  now: Date,
): SqlQuery[] {
  return dimensions.map((dimension) => {
    const p = new SqlParams();
    const where = `${scope(p, organizationId)} AND ${textCondition(p, query)}`;
    // Only the years dimensions use the year: an unused parameter would have no type.
    const year = (): string => p.add(now.getUTCFullYear(), 'int');
    return {
      text: `WITH m AS (
  SELECT c.id, c.location, c.current_company, c.current_title, c.work_history, c.education,
    p.skills, p.certifications, p.languages, p.industry, p.company_size
  FROM ${TEXT_FROM} WHERE ${where}
), v AS (SELECT * FROM (${dimensionValues(dimension, year)}) d WHERE value IS NOT NULL),
top AS (SELECT value, count(DISTINCT id)::int AS n FROM v GROUP BY value ORDER BY n DESC, value LIMIT ${p.add(size, 'int')})
SELECT
  (SELECT coalesce(json_agg(json_build_object('value', value, 'count', n) ORDER BY n DESC, value), '[]') FROM top) AS buckets,
  (SELECT count(*)::int FROM m) - (SELECT count(DISTINCT id)::int FROM v) AS missing,
  (SELECT count(DISTINCT id)::int FROM v WHERE value NOT IN (SELECT value FROM top)) AS other`,
      values: p.values,
    };
  });
}

/** The keys of one Connect profile, folded as the naive code would (lower-case). */
export interface NaiveProfile {
  linkedinUrl: string | null;
  email: string | null;
  name: string | null;
  company: string | null;
  title: string | null;
}

/** One query per profile: any key may match; rules are told apart afterwards. */
export function lookupQuery(organizationId: string, profile: NaiveProfile): SqlQuery {
  const p = new SqlParams();
  const name = p.add(profile.name, 'text');
  const company = p.add(profile.company, 'text');
  const title = p.add(profile.title, 'text');
  return {
    text: `SELECT c.id, c.linkedin_url, c.emails, lower(c.full_name) AS name,
  lower(c.current_company) AS company, lower(c.current_title) AS title
FROM candidates c
WHERE ${scope(p, organizationId)} AND (c.linkedin_url = ${p.add(profile.linkedinUrl, 'text')}
  OR ${p.add(profile.email, 'text')} = ANY(c.emails)
  OR (lower(c.full_name) = ${name} AND (lower(c.current_company) = ${company} OR lower(c.current_title) = ${title}))
  OR (lower(c.current_company) = ${company} AND lower(c.current_title) = ${title}))
LIMIT 20`,
    values: p.values,
  };
}
