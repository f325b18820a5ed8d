import { Rng } from '../../test/simulators/generator/prng';
import { generatePerson, type Person } from './world-person';
import { buildPools, type Pools } from './world-pools';
import {
  baseProfile,
  pickScenario,
  planGroup,
  type PlannedProfile,
  type Scenario,
} from './world-scenarios';
import {
  candidateView,
  profileView,
  type CandidateView,
  type OracleIdentity,
  type ProfileOptions,
} from './world-views';

/**
 * The labelled world: candidates (the ATS side) and a directory many times larger, generated
 * from a seed, with the truth kept beside them: for every candidate, the directory profiles that
 * are the same person (none, one, or two when the person has two profiles).
 */

export interface WorldCandidate {
  /** `c<slot>` (`c<slot>-b` for a mirrored person's second record). */
  remoteId: string;
  scenario: Scenario;
  connection: 0 | 1;
  view: CandidateView;
  /** External ids of the profiles that are this person. */
  truth: string[];
}

/** A bad NDJSON line planted in the directory, with the field the import must name. */
export const BAD_LINES = [
  { kind: 'json', field: null },
  { kind: 'date', field: 'workHistory.0.startDate' },
  { kind: 'url', field: 'linkedinUrl' },
] as const;

export interface World {
  seed: string;
  pools: Pools;
  candidates: WorldCandidate[];
  /** Directory size, bad lines included. */
  profileCount: number;
  /** What sits at each directory position: a planned profile (≥ 0), a filler (-1), a bad line (-2). */
  layout: Int32Array;
  planned: PlannedProfile[];
  badLineCount: number;
}

/** One line in a thousand is bad (a broken line, an impossible date, a URL that is not one). */
const BAD_LINE_RATE = 0.001;

export const externalIdAt = (position: number): string => `dir-${position.toString(36)}`;

export function buildWorld(seed: string, candidateCount: number, profileCount: number): World {
  const pools = buildPools(seed);
  const candidates: (Omit<WorldCandidate, 'truth'> & { truth: number[] })[] = [];
  const planned: PlannedProfile[] = [];
  for (let slot = 0; candidates.length < candidateCount; slot++) {
    const scenario = pickScenario(
      Rng.fromSeed(seed, 'scenario', slot),
      candidateCount - candidates.length,
    );
    const person: Person = generatePerson(pools, seed, slot);
    const group = planGroup(pools, seed, scenario, person, slot);
    const offset = planned.length;
    planned.push(...group.profiles);
    group.candidates.forEach((c, i) => {
      const remoteId = i === 0 ? `c${slot}` : `c${slot}-b`;
      const rng = Rng.fromSeed(seed, 'candidate', remoteId);
      candidates.push({
        remoteId,
        scenario,
        connection: c.connection,
        view: candidateView(pools, c.person, c.options, rng, remoteId),
        truth: c.truth.map((t) => offset + t),
      });
    });
  }
  if (planned.length > profileCount * 0.9)
    throw new Error(
      `the directory (${profileCount}) is too small for ${planned.length} planned profiles`,
    );

  // Planned profiles, bad lines and fillers spread over the directory in a seeded order.
  const order = new Int32Array(profileCount);
  for (let i = 0; i < profileCount; i++) order[i] = i;
  const rng = Rng.fromSeed(seed, 'layout');
  for (let i = profileCount - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  const layout = new Int32Array(profileCount).fill(-1);
  const positionOf = new Int32Array(planned.length);
  planned.forEach((_, i) => {
    const position = order[i] ?? 0;
    layout[position] = i;
    positionOf[i] = position;
  });
  const badLineCount = Math.max(BAD_LINES.length, Math.floor(profileCount * BAD_LINE_RATE));
  for (let i = 0; i < badLineCount; i++) layout[order[planned.length + i] ?? 0] = -2;

  return {
    seed,
    pools,
    candidates: candidates.map((c) => ({
      ...c,
      truth: c.truth.map((t) => externalIdAt(positionOf[t] ?? 0)),
    })),
    profileCount,
    layout,
    planned,
    badLineCount,
  };
}

/** Directory line `position` as NDJSON (no newline), and what the reference rules read of it. */
export function directoryLine(
  world: World,
  position: number,
): { line: string; identity: OracleIdentity | null } {
  const kind = world.layout[position] ?? -1;
  const externalId = externalIdAt(position);
  const rng = Rng.fromSeed(world.seed, 'profile', position);
  if (kind === -2) return { line: badLine(world, position, rng), identity: null };
  let person: Person;
  let options: ProfileOptions;
  const plan = kind >= 0 ? world.planned[kind] : undefined;
  if (plan) {
    person = plan.person;
    options = plan.options;
  } else {
    person = generatePerson(world.pools, world.seed, 50_000_000 + position);
    options = baseProfile(rng, person);
  }
  const view = profileView(world.pools, person, options, rng, externalId);
  return { line: JSON.stringify(view.input), identity: view.identity };
}

export function badLineKind(position: number): (typeof BAD_LINES)[number] {
  return BAD_LINES[position % BAD_LINES.length] ?? BAD_LINES[0];
}

function badLine(world: World, position: number, rng: Rng): string {
  const which = badLineKind(position);
  const person = generatePerson(world.pools, world.seed, 50_000_000 + position);
  const { input } = profileView(world.pools, person, baseProfile(rng, person), rng, 'x');
  const externalId = externalIdAt(position);
  switch (which.kind) {
    case 'json':
      return JSON.stringify({ ...input, externalId }).slice(0, 40);
    case 'date':
      return JSON.stringify({ ...input, externalId, workHistory: [{ startDate: '2023-02-30' }] });
    case 'url':
      return JSON.stringify({ ...input, externalId, linkedinUrl: 'not a url at all' });
  }
}
