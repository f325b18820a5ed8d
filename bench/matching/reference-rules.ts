import type { MatchRule } from '../../src/entities/profile-match.entity';
import type { OracleIdentity, OraclePeriod } from './world-views';

/**
 * The evidence rules of API.md ("Precise points"), written again from the text over the world's
 * own keys (company name ids, canonical names, lower-case slugs), not over the strings the
 * product parses. It says what a correct matcher can decide for each candidate, which is what
 * "matchable" means in the report: the truth profile exists AND these rules single it out.
 * Where the product and these rules disagree, one of them is wrong; the report lists cases.
 */

export interface ReferenceDecision {
  externalId: string;
  rule: MatchRule;
}

export interface ReferenceCandidate {
  remoteId: string;
  identity: OracleIdentity;
}

/** Months of slack when comparing two stints: an API.md "compatible dates" reading. */
const SLACK = 12;

function compatible(a: OraclePeriod, b: OraclePeriod): boolean {
  if (a.start === null || b.start === null) return true;
  const aEnd = a.end ?? Number.POSITIVE_INFINITY;
  const bEnd = b.end ?? Number.POSITIVE_INFINITY;
  return a.start <= bEnd + SLACK && b.start <= aEnd + SLACK;
}

function inCommon(a: readonly OraclePeriod[], b: readonly OraclePeriod[]): number {
  const keys = new Set<string>();
  for (const x of a) if (b.some((y) => y.key === x.key && compatible(x, y))) keys.add(x.key);
  return keys.size;
}

export function fitsByName(a: OracleIdentity, b: OracleIdentity): boolean {
  if (a.name !== b.name) return false;
  const employers = inCommon(a.employers, b.employers);
  return employers >= 2 || (employers >= 1 && inCommon(a.schools, b.schools) >= 1);
}

function contradicts(a: OracleIdentity, b: OracleIdentity): boolean {
  return (
    (a.linkedin !== null && b.linkedin !== null && a.linkedin !== b.linkedin) ||
    (a.github !== null && b.github !== null && a.github !== b.github)
  );
}

type Profiles = ReadonlyMap<string, OracleIdentity>;

function indexBy(profiles: Profiles, keys: (p: OracleIdentity) => readonly (string | null)[]) {
  const index = new Map<string, string[]>();
  for (const [id, p] of profiles) {
    for (const key of new Set(keys(p))) {
      if (key === null) continue;
      const list = index.get(key);
      if (list) list.push(id);
      else index.set(key, [id]);
    }
  }
  return index;
}

/** The decision per candidate (remoteId → decision or null), by the rules alone. */
export function referenceDecisions(
  candidates: readonly ReferenceCandidate[],
  profiles: Profiles,
): Map<string, ReferenceDecision | null> {
  const byLinkedin = indexBy(profiles, (p) => [p.linkedin]);
  const byGithub = indexBy(profiles, (p) => [p.github]);
  const byEmail = indexBy(profiles, (p) => p.emails);
  const byName = indexBy(profiles, (p) => [p.name]);
  const candidatesByName = new Map<string, ReferenceCandidate[]>();
  for (const c of candidates)
    candidatesByName.set(c.identity.name, [...(candidatesByName.get(c.identity.name) ?? []), c]);

  const decisions = new Map<string, ReferenceDecision | null>();
  for (const candidate of candidates) {
    const c = candidate.identity;
    const get = (id: string) => ({ id, p: profiles.get(id) as OracleIdentity });
    const steps: [MatchRule, string[]][] = [
      ['LINKEDIN_URL', c.linkedin ? (byLinkedin.get(c.linkedin) ?? []) : []],
      ['GITHUB_URL', c.github ? (byGithub.get(c.github) ?? []) : []],
      ['EMAIL', [...new Set(c.emails.flatMap((e) => byEmail.get(e) ?? []))]],
      [
        'NAME_EMPLOYMENT_EDUCATION',
        (byName.get(c.name) ?? []).filter((id) => fitsByName(c, get(id).p)),
      ],
    ];
    let decision: ReferenceDecision | null = null;
    for (const [rule, ids] of steps) {
      // A LinkedIn URL in common is itself the evidence; weaker rules skip contradicted profiles.
      const fits = rule === 'LINKEDIN_URL' ? ids : ids.filter((id) => !contradicts(c, get(id).p));
      if (fits.length === 0) continue;
      if (fits.length === 1) decision = { externalId: fits[0] as string, rule };
      break;
    }
    if (decision?.rule === 'NAME_EMPLOYMENT_EDUCATION') {
      // The name rule may not give one profile to two candidates.
      const profile = get(decision.externalId).p;
      const fitting = (candidatesByName.get(c.name) ?? []).filter(
        (other) => fitsByName(other.identity, profile) && !contradicts(other.identity, profile),
      );
      if (fitting.length > 1) decision = null;
    }
    decisions.set(candidate.remoteId, decision);
  }
  return decisions;
}
