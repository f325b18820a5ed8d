import type { estypes } from '@elastic/elasticsearch';
import {
  MAX_MATCHES_PER_PROFILE,
  nameCompanyTitleConfidence,
  RULE_CONFIDENCE,
  type NormalizedProfile,
} from '../lookup-rules';
import type { LookupMatch, LookupRule } from '../search-types';
import { FIELDS, valueField } from './es-fields';

type Query = estypes.QueryDslQueryContainer;
type Part = 'name' | 'company' | 'title';

/** A named lookup condition: its rule and the confidence it gives (lookup-rules.ts). */
interface LookupClause {
  name: string;
  rule: LookupRule;
  confidence: number;
}

const PART_FIELDS: Record<Part, string> = {
  name: FIELDS.nameKey,
  company: valueField('companies'),
  title: valueField('titles'),
};

/** The agreeing parts of the name/company/title rule, strongest first. */
const PART_SETS: readonly (readonly Part[])[] = [
  ['name', 'company', 'title'],
  ['name', 'company'],
  ['name', 'title'],
  ['company', 'title'],
];

const partsName = (parts: readonly Part[]): string => `NAME_COMPANY_TITLE:${parts.join('+')}`;

const CLAUSES = new Map<string, LookupClause>([
  ...(['LINKEDIN_URL', 'GITHUB_URL', 'EMAIL'] as const).map((rule): [string, LookupClause] => [
    rule,
    { name: rule, rule, confidence: RULE_CONFIDENCE[rule] },
  ]),
  ...PART_SETS.map((parts): [string, LookupClause] => [
    partsName(parts),
    {
      name: partsName(parts),
      rule: 'NAME_COMPANY_TITLE',
      confidence:
        nameCompanyTitleConfidence(
          parts.includes('name'),
          parts.includes('company'),
          parts.includes('title'),
        ) ?? 0,
    },
  ]),
]);

function clause(name: string, filter: Query): Query {
  const confidence = CLAUSES.get(name)?.confidence ?? 0;
  return { constant_score: { filter, boost: confidence, _name: name } };
}

/**
 * One search for one profile: every rule that can apply, each a named constant-score clause
 * scoring its confidence, under a dis_max so a candidate scores its strongest rule. Sorting by
 * score then id gives rankMatches' order, so the first MAX_MATCHES_PER_PROFILE hits are the
 * answer. Null when the profile has nothing to match on. Pure.
 */
export function buildLookupSearch(
  organizationId: string,
  profile: NormalizedProfile,
): estypes.MsearchMultisearchBody | null {
  const queries: Query[] = [];
  if (profile.linkedinUrl)
    queries.push(clause('LINKEDIN_URL', { term: { [FIELDS.linkedinUrl]: profile.linkedinUrl } }));
  if (profile.githubUrl)
    queries.push(clause('GITHUB_URL', { term: { [FIELDS.githubUrl]: profile.githubUrl } }));
  if (profile.email) queries.push(clause('EMAIL', { term: { [FIELDS.emails]: profile.email } }));
  for (const parts of PART_SETS) {
    const values = parts.map((part) => [part, profile[part]] as const);
    if (values.some(([, value]) => !value)) continue;
    queries.push(
      clause(partsName(parts), {
        bool: { filter: values.map(([part, value]) => ({ term: { [PART_FIELDS[part]]: value } })) },
      }),
    );
  }
  if (queries.length === 0) return null;
  return {
    size: MAX_MATCHES_PER_PROFILE,
    _source: false,
    track_total_hits: false,
    query: {
      bool: {
        filter: [{ term: { [FIELDS.organizationId]: organizationId } }],
        must: [{ dis_max: { queries, tie_breaker: 0 } }],
      },
    },
    sort: [{ _score: { order: 'desc' } }, { [FIELDS.candidateId]: { order: 'asc' } }],
  };
}

/** The matches a hit stands for, from the names of the clauses it matched. Pure. */
export function readLookupHit(
  candidateId: string,
  matchedQueries: readonly string[],
): LookupMatch[] {
  return matchedQueries.flatMap((name) => {
    const found = CLAUSES.get(name);
    return found ? [{ candidateId, rule: found.rule, confidence: found.confidence }] : [];
  });
}
