import type { ProfileImportOutcome } from '../../src/profiles/profile-import';
import { duration, int, mib, table } from '../sync/format';
import type { CpuSeconds } from './cpu-time';
import type { QueryPlan } from './explain';
import {
  RECORD_CANDIDATES,
  RECORD_PROFILES,
  type MatchingBenchSettings,
} from './matching-settings';
import type { RematchRun } from './rematch';
import { ratio, type Score } from './scoring';
import { SCENARIOS } from './world-scenarios';

/** Goals of issue 15 ("Quality and speed"). */
export const GOALS = {
  precision: 0.995,
  recall: 0.95,
  /** 1,000,000 profiles in 2 minutes. */
  importPerSecond: RECORD_PROFILES / 120,
  /** 100,000 candidates against 1,000,000 profiles in 60 s. */
  rematchSeconds: 60,
};

export type EmailIndex = 'none' | 'schema';

export interface MatchingReport {
  settings: MatchingBenchSettings;
  machine: string;
  cores: number;
  loadAverage: number;
  date: string;
  emailIndex: EmailIndex;
  world: {
    candidates: number;
    profiles: number;
    planned: number;
    namesakes: number;
    badLines: number;
  };
  candidatesLoad: { writeSeconds: number; indexSeconds: number };
  directoryFile: { bytes: number; seconds: number };
  import: {
    outcome: ProfileImportOutcome;
    seconds: number;
    /** The same file through ndjsonLines, JSON.parse and parseProfile only (no database). */
    parseSeconds: number;
    memory: { rssBytes: number; postgresBytes: number | null };
    cpu: CpuSeconds;
    expectedRejections: number;
    rejectionsAsPlanned: boolean;
  };
  afterImport: { run: RematchRun; score: Score; sameAsFull: boolean } | null;
  full: {
    run: RematchRun;
    score: Score;
    memory: { rssBytes: number; postgresBytes: number | null };
    cpu: CpuSeconds;
  };
  again: RematchRun;
  plans: { directory: QueryPlan | null; affected: QueryPlan | null };
  totalSeconds: number;
}

const percent = (value: number, digits = 2): string =>
  Number.isNaN(value) ? '—' : `${(100 * value).toFixed(digits)} %`;
const perSecond = (count: number, seconds: number): string => `${int(count / seconds)}/s`;

export function renderMatchingSection(r: MatchingReport): string {
  const { settings, world } = r;
  const imported = r.import.outcome.result;
  return [
    `## Profile matching (${int(world.candidates)} candidates, ${int(world.profiles)} directory lines)`,
    '',
    `Command: \`${settings.command}\`. Machine: ${r.machine}; load average ${r.loadAverage.toFixed(1)} on ${r.cores} cores when the run started (above ${r.cores}, other work shared the machine and the times are pessimistic). Measured ${r.date}; the whole run took ${duration(r.totalSeconds * 1000)}.`,
    '',
    `E-mail lookup index on \`profiles.emails\`: ${emailIndexLine(r.emailIndex)}`,
    '',
    worldText(r),
    '',
    '### Quality (full rematch)',
    '',
    qualityText(r.full.score, r.afterImport),
    '',
    '### Import',
    '',
    table(
      [
        'lines',
        'file',
        'time',
        'lines/s',
        'created',
        'rejected (planted)',
        'parse alone',
        'CPU used',
        'peak RSS / PostgreSQL',
      ],
      [
        [
          int(imported.received),
          mib(r.directoryFile.bytes),
          duration(r.import.seconds * 1000),
          `**${perSecond(imported.received, r.import.seconds)}**`,
          int(imported.created),
          `${int(imported.rejected.length)} (${int(r.import.expectedRejections)}${r.import.rejectionsAsPlanned ? ', each with its line and field' : ', NOT as planted'})`,
          perSecond(imported.received, r.import.parseSeconds),
          cpuText(r.import.cpu, r.cores),
          `${mib(r.import.memory.rssBytes)} / ${mib(r.import.memory.postgresBytes)}`,
        ],
      ],
    ),
    '',
    'The file is streamed through `ndjsonLines` into `importProfileLines`, as `npm run import-profiles -- FILE` and `POST /profiles/import` do. "Parse alone" is the same file through the same line splitter, `JSON.parse` and `parseProfile`, without the database: the JavaScript half of the import.',
    '',
    '### Rematch',
    '',
    rematchTable(r),
    '',
    `CPU used by the full rematch: ${cpuText(r.full.cpu, r.cores)}. On a shared machine the wall times above include waiting for the cores; the CPU times do not, and give a floor for a quiet machine (perfect overlap of the bench process and PostgreSQL).`,
    '',
    `Steps of the full rematch (wall time summed over its ${int(Math.ceil(r.world.candidates / 500))} batches of 500; measured around the matcher's dependencies and queries, bench/matching/step-times.ts; the matcher loads the next batch while it decides and writes one, so steps overlap and their shares may add up to more than 100 %):`,
    '',
    stepTable(r.full.run),
    ...(r.afterImport
      ? ['', 'Steps of the rematch after the import:', '', stepTable(r.afterImport.run)]
      : []),
    '',
    '### Goals',
    '',
    goalsTable(r),
    '',
    '### What bounds it',
    '',
    boundsText(r),
  ].join('\n');
}

/** CPU seconds, and the least wall time they allow on this many quiet cores. */
function cpuText(cpu: CpuSeconds, cores: number): string {
  if (cpu.postgres === null) return `bench ${duration(cpu.bench * 1000)}`;
  const floor = Math.max(cpu.bench, (cpu.bench + cpu.postgres) / cores);
  return `bench ${duration(cpu.bench * 1000)} + PostgreSQL ${duration(cpu.postgres * 1000)} (≥ ${duration(floor * 1000)} on ${cores} quiet cores)`;
}

function emailIndexLine(index: EmailIndex): string {
  switch (index) {
    case 'none':
      return '**none** (the schema as migrated has no index on it, so the directory query reads every profile for its e-mail branch).';
    case 'schema':
      return 'GIN (`ix_profiles_emails`, from the migrations).';
  }
}

function worldText(r: MatchingReport): string {
  const w = r.world;
  const fillers = w.profiles - w.planned - w.badLines;
  const s = r.full.score;
  return [
    `**The world** (seed \`${r.settings.seed}\`, bench/matching/world*.ts): ${int(w.candidates)} candidates in two ATS connections, written through the sync's \`RecordWriter\` (${duration(r.candidatesLoad.writeSeconds * 1000)}) and indexed by the real \`Indexer\` (${duration(r.candidatesLoad.indexSeconds * 1000)}); a directory of ${int(w.profiles)} NDJSON lines (${mib(r.directoryFile.bytes)}, written in ${duration(r.directoryFile.seconds * 1000)}): ${int(w.planned)} profiles planned around the candidates (their own, second profiles of the same people, and ${int(w.namesakes)} namesakes), ${int(fillers)} other people drawn from the same skewed name, employer and school pools (so common names have many namesakes, and some employers share a name), and ${int(w.badLines)} bad lines. LinkedIn URLs come in 9 spellings (http/https, www, country subdomains, trailing slash, query strings, letter case), GitHub URLs in 4, e-mails with changed letter case; companies with and without their legal form ("Inc.", "S.A.", "GmbH"); names with and without accents; ATS records stop at the application (the profile has the jobs since); fields are missing at random. Truth: for every candidate, the profiles that are the same person.`,
    '',
    `**Matchable**: the person has a profile in the directory AND the rules of API.md single it out, as decided by an independent reference (bench/matching/reference-rules.ts: the rules written again over the generator's own keys — company name ids, canonical names, slugs — not over the strings the product parses). Candidates whose evidence is too thin (one employer and no school, a misspelt name), contradicted (an older LinkedIn URL than the profile's) or ambiguous (two profiles fit; one profile fits two candidates by name) are not matchable: a correct matcher leaves them unmatched. ${int(s.withTruth)} of ${int(s.candidates)} candidates have a profile; ${int(s.matchable)} are matchable.`,
    '',
    table(
      ['scenario', 'candidates', 'with a profile', 'matchable', 'matched right', 'matched wrong'],
      s.scenarios.map((x) => [
        `${x.scenario}: ${SCENARIOS[x.scenario].about}`,
        int(x.candidates),
        int(x.withTruth),
        int(x.matchable),
        int(x.correct),
        int(x.wrong),
      ]),
    ),
  ].join('\n');
}

function qualityText(s: Score, afterImport: MatchingReport['afterImport']): string {
  const rows = s.rules.map((x) => [
    x.rule,
    int(x.matched),
    int(x.correct),
    percent(ratio(x.correct, x.matched)),
    int(x.matchable),
    int(x.found),
    percent(ratio(x.found, x.matchable)),
  ]);
  rows.push([
    '**all rules**',
    int(s.matched),
    int(s.correct),
    `**${percent(ratio(s.correct, s.matched))}**`,
    int(s.matchable),
    int(s.found),
    `**${percent(ratio(s.found, s.matchable))}**`,
  ]);
  const wrong = s.matched - s.correct;
  const lines = [
    table(
      ['rule', 'matches', 'same person', 'precision', 'matchable by this rule', 'found', 'recall'],
      rows,
    ),
    '',
    `Precision is over the product's matches (the rule it recorded); recall over the matchable candidates, by the rule the reference decides them by. ${int(wrong)} wrong matches: ${int(s.wrongAsReference)} that the reference rules make too (a namesake with an employer and a school, or two employers, in common and no identifier to tell them apart: the name rule's own limit), ${int(s.wrongOnlyProduct)} that only the product makes. Product and reference decide ${int(s.disagreements)} candidates differently.`,
  ];
  if (s.examples.length > 0) lines.push('', ...s.examples.map((e) => `- ${e}`));
  if (afterImport) {
    const a = afterImport.score;
    lines.push(
      '',
      `The rematch an import queues wrote ${afterImport.sameAsFull ? 'the same matches' : '**different matches**'} (precision ${percent(ratio(a.correct, a.matched))}, recall ${percent(ratio(a.found, a.matchable))}).`,
    );
  }
  return lines.join('\n');
}

function rematchTable(r: MatchingReport): string {
  const row = (name: string, run: RematchRun) => [
    name,
    duration(run.seconds * 1000),
    int(run.candidates),
    perSecond(run.candidates, run.seconds),
    int(run.changed),
  ];
  const rows = [];
  if (r.afterImport)
    rows.push(
      row('after the import (`match-profiles` jobs, as the worker runs them)', r.afterImport.run),
    );
  rows.push(row('**full rematch** of every candidate, no match yet', r.full.run));
  rows.push(row('full rematch again (idempotent: nothing to write)', r.again));
  return table(
    ['run', 'time', 'candidate identities loaded', 'rate', 'matches written or removed'],
    rows,
  );
}

function stepTable(run: RematchRun): string {
  const total = run.seconds * 1000;
  return table(
    ['step', 'time', 'share', 'calls'],
    run.steps.map((s) => [
      s.label,
      duration(s.ms),
      `${((100 * s.ms) / total).toFixed(0)} %`,
      s.calls ? int(s.calls) : '',
    ]),
  );
}

function goalsTable(r: MatchingReport): string {
  const s = r.full.score;
  const precision = ratio(s.correct, s.matched);
  const recall = ratio(s.found, s.matchable);
  const record = r.world.candidates === RECORD_CANDIDATES && r.world.profiles === RECORD_PROFILES;
  const rate = r.import.outcome.result.received / r.import.seconds;
  // A rate over a small directory says little of a million rows' indexes: no verdict then.
  const recordDirectory = r.world.profiles === RECORD_PROFILES;
  const millionSeconds = RECORD_PROFILES / rate;
  const verdict = (met: boolean, miss: string) => (met ? 'met' : `**missed** ${miss}`);
  return table(
    ['goal', 'measured', 'verdict'],
    [
      [
        `precision ≥ ${percent(GOALS.precision, 1)}`,
        percent(precision),
        verdict(
          precision >= GOALS.precision,
          `by ${((GOALS.precision - precision) * 100).toFixed(2)} points`,
        ),
      ],
      [
        `recall ≥ ${percent(GOALS.recall, 0)} of the matchable`,
        percent(recall),
        verdict(recall >= GOALS.recall, `by ${((GOALS.recall - recall) * 100).toFixed(2)} points`),
      ],
      [
        'import: 1,000,000 profiles in ≤ 2 min',
        `${int(rate)} lines/s${recordDirectory ? '' : ` (1,000,000 at this rate: ${duration(millionSeconds * 1000)}; not the record size: no verdict)`}`,
        recordDirectory
          ? verdict(
              rate >= GOALS.importPerSecond,
              `by ${duration((millionSeconds - 120) * 1000)} (${(millionSeconds / 120).toFixed(1)}× the goal)`,
            )
          : '—',
      ],
      [
        'full rematch: 100,000 candidates against 1,000,000 profiles in ≤ 60 s',
        `${duration(r.full.run.seconds * 1000)}${record ? '' : ` at this size (not the record size: no verdict)`}`,
        record
          ? verdict(
              r.full.run.seconds <= GOALS.rematchSeconds,
              `by ${duration((r.full.run.seconds - 60) * 1000)} (${(r.full.run.seconds / 60).toFixed(1)}× the goal)`,
            )
          : '—',
      ],
    ],
  );
}

function boundsText(r: MatchingReport): string {
  const lines: string[] = [];
  const [slowest, second] = r.full.run.steps;
  if (slowest) {
    lines.push(
      `- **Full rematch**: ${slowest.label} takes ${((100 * slowest.ms) / (r.full.run.seconds * 1000)).toFixed(0)} % of it${second ? `, then ${second.label} (${((100 * second.ms) / (r.full.run.seconds * 1000)).toFixed(0)} %)` : ''}.`,
    );
  }
  const { directory, affected } = r.plans;
  if (directory) {
    lines.push(
      `- **Directory query** for one batch of 500 candidates (EXPLAIN ANALYZE after the runs): ${directory.executionMs.toFixed(1)} ms; it ${scansText(directory)}.${directory.seqScans.includes('profiles') && r.emailIndex === 'none' ? ' That is its e-mail branch: no index covers `profiles.emails` (the migration ProfileEmailsIndex adds one).' : ''} Plan, with the long key lists cut:`,
      '',
      '```',
      shortPlan(directory.text),
      '```',
    );
  }
  if (r.afterImport) {
    const a = r.afterImport.run;
    lines.push(
      `- **Rematch after the import**: ${int(a.candidates)} candidate identities loaded for ${int(r.world.candidates)} candidates (${(a.candidates / r.world.candidates).toFixed(2)}×): a candidate is matched again in every pass of \`match-profiles\` jobs that holds a profile concerning it (its own, a namesake's). The import lists changed profiles by folded name, so a name's profiles share a job. ${duration(a.seconds * 1000)} against ${duration(r.full.run.seconds * 1000)} for the full rematch.`,
    );
  }
  if (affected) {
    lines.push(
      `- **Candidates 5,000 changed profiles concern** (one lookup of the rematch after an import; EXPLAIN ANALYZE): ${affected.executionMs.toFixed(1)} ms; it ${scansText(affected)}.`,
    );
  }
  const parse = r.import.parseSeconds / r.import.seconds;
  lines.push(
    `- **Import**: parsing and validating alone takes ${(parse * 100).toFixed(0)} % of the import's time (${perSecond(r.import.outcome.result.received, r.import.parseSeconds)} on one core); the rest is PostgreSQL writing the rows and their indexes (${MAX_WRITES} batches of 1,000 in flight, overlapping the parsing).`,
  );
  return lines.join('\n');
}

function scansText(plan: QueryPlan): string {
  const tables = [...new Set(plan.seqScans)];
  return tables.length
    ? `reads every row of ${tables.join(', ')} (a sequential scan)`
    : 'finds every branch through an index (no sequential scan)';
}

/** Statements of one import in flight (profile-import.ts MAX_WRITES_IN_FLIGHT). */
const MAX_WRITES = 2;

function shortPlan(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.replace(/'\{[^}]*\}'/g, "'{…}'").replace(/'[0-9a-f-]{36}'::uuid/g, () => '$1'),
    )
    .join('\n');
}
