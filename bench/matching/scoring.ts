import type { DataSource } from 'typeorm';
import type { MatchRule } from '../../src/entities/profile-match.entity';
import type { ReferenceDecision } from './reference-rules';
import type { WorldCandidate } from './world';
import { SCENARIO_NAMES, type Scenario } from './world-scenarios';

export const RULES: readonly MatchRule[] = [
  'LINKEDIN_URL',
  'GITHUB_URL',
  'EMAIL',
  'NAME_EMPLOYMENT_EDUCATION',
];

export interface ProductMatch {
  externalId: string;
  rule: MatchRule;
}

/** profile_matches as written, by the candidate's remote id. */
export async function readMatches(
  dataSource: DataSource,
  organizationId: string,
): Promise<Map<string, ProductMatch>> {
  const rows = await dataSource.query<
    { remote_id: string; external_id: string; rule: MatchRule }[]
  >(
    `SELECT c.remote_id, p.external_id, m.rule FROM profile_matches m
     JOIN candidates c ON c.id = m.candidate_id JOIN profiles p ON p.id = m.profile_id
     WHERE m.organization_id = $1`,
    [organizationId],
  );
  return new Map(rows.map((r) => [r.remote_id, { externalId: r.external_id, rule: r.rule }]));
}

export interface RuleScore {
  rule: MatchRule;
  /** Matches the product made by this rule, and how many were the same person. */
  matched: number;
  correct: number;
  /** Matchable candidates the reference rules decide by this rule, and how many were found. */
  matchable: number;
  found: number;
}

export interface ScenarioScore {
  scenario: Scenario;
  candidates: number;
  withTruth: number;
  matchable: number;
  correct: number;
  wrong: number;
}

export interface Score {
  candidates: number;
  /** Candidates whose person has a profile in the directory. */
  withTruth: number;
  matchable: number;
  matched: number;
  correct: number;
  /** Matchable candidates matched to one of their own profiles. */
  found: number;
  rules: RuleScore[];
  scenarios: ScenarioScore[];
  /** Wrong matches the reference rules make too (the rule's own limit), and the others. */
  wrongAsReference: number;
  wrongOnlyProduct: number;
  /** Candidates where product and reference decide differently (profile or rule). */
  disagreements: number;
  examples: string[];
}

export const ratio = (part: number, whole: number): number => (whole === 0 ? NaN : part / whole);

/** What scoring needs of a candidate: who it is, its scenario, and its true profiles. */
export type LabelledCandidate = Pick<WorldCandidate, 'remoteId' | 'scenario' | 'truth'>;

export function score(
  candidates: readonly LabelledCandidate[],
  reference: ReadonlyMap<string, ReferenceDecision | null>,
  product: ReadonlyMap<string, ProductMatch>,
): Score {
  const rules = new Map(
    RULES.map((rule) => [rule, { rule, matched: 0, correct: 0, matchable: 0, found: 0 }]),
  );
  const scenarios = new Map(
    SCENARIO_NAMES.map((scenario) => [
      scenario,
      { scenario, candidates: 0, withTruth: 0, matchable: 0, correct: 0, wrong: 0 },
    ]),
  );
  const s: Score = {
    candidates: candidates.length,
    withTruth: 0,
    matchable: 0,
    matched: 0,
    correct: 0,
    found: 0,
    rules: [],
    scenarios: [],
    wrongAsReference: 0,
    wrongOnlyProduct: 0,
    disagreements: 0,
    examples: [],
  };
  for (const c of candidates) {
    const expected = reference.get(c.remoteId) ?? null;
    const actual = product.get(c.remoteId) ?? null;
    const isTruth = (id: string | undefined) => id !== undefined && c.truth.includes(id);
    const matchable = isTruth(expected?.externalId);
    const right = isTruth(actual?.externalId);
    const sc = scenarios.get(c.scenario);
    if (sc) {
      sc.candidates += 1;
      if (c.truth.length > 0) sc.withTruth += 1;
      if (matchable) sc.matchable += 1;
      if (actual) sc[right ? 'correct' : 'wrong'] += 1;
    }
    if (c.truth.length > 0) s.withTruth += 1;
    if (actual) {
      s.matched += 1;
      const r = rules.get(actual.rule);
      if (r) r.matched += 1;
      if (right) {
        s.correct += 1;
        if (r) r.correct += 1;
      } else if (expected?.externalId === actual.externalId) s.wrongAsReference += 1;
      else s.wrongOnlyProduct += 1;
    }
    if (matchable && expected) {
      s.matchable += 1;
      const r = rules.get(expected.rule);
      if (r) r.matchable += 1;
      if (right) {
        s.found += 1;
        if (r) r.found += 1;
      }
    }
    if (expected?.externalId !== actual?.externalId || expected?.rule !== actual?.rule) {
      s.disagreements += 1;
      if (s.examples.length < 12) {
        s.examples.push(
          `${c.remoteId} (${c.scenario}): reference ${describe(expected)}, product ${describe(actual)}, truth [${c.truth.join(', ')}]`,
        );
      }
    }
  }
  s.rules = [...rules.values()];
  s.scenarios = [...scenarios.values()].filter((x) => x.candidates > 0);
  return s;
}

function describe(m: { externalId: string; rule: MatchRule } | null): string {
  return m ? `${m.externalId} by ${m.rule}` : 'none';
}
