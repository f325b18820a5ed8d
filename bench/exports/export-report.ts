import { duration, int, mib, pct, rate, table } from '../sync/format';
import { isCorrect, type Correctness } from './export-correctness';
import type { ExportFigures } from './export-run';
import { RECORD_N, type ExportBenchSettings } from './export-settings';
import type { MirroredSource } from './source-sync';

const GOAL_PERCENT = 90;
const TITLES = { SOURCEWHALE: 'SourceWhale (prospects)', ASHBY: 'Ashby (candidates)' } as const;

export interface ExportBenchReport {
  settings: ExportBenchSettings;
  machine: string;
  date: string;
  source: MirroredSource;
  exports: ExportFigures[];
  /** Exports that failed, with the error. */
  failures: string[];
  /** The app's EXPORT_BATCH_SIZE: items per round, and per subscription event at most. */
  batchSize: number;
  /** The Ashby destination simulator's limit, and the connector's default pace (requests/s). */
  ashbyPolicy: { limit: number; windowMs: number } | null;
  ashbyPace: number;
}

const title = (e: ExportFigures): string => TITLES[e.target.provider];
const candidates = (e: ExportFigures): number => e.correctness.total;
const achieved = (e: ExportFigures): number => e.traffic.counted / (e.runMs / 1000);
const perCandidate = (e: ExportFigures): number => e.traffic.counted / candidates(e);
const share = (e: ExportFigures): number | null =>
  e.allowedRate ? (100 * achieved(e)) / e.allowedRate : null;
const ms = (value: number): string =>
  !Number.isFinite(value) ? 'n/a' : value >= 10_000 ? duration(value) : `${Math.round(value)} ms`;

function throughputTable(exports: ExportFigures[]): string {
  return table(
    [
      'export',
      'candidates',
      'wall time (of which queued)',
      'candidates/s',
      'API requests',
      'per candidate',
      'achieved',
      'allowed',
      '% of allowed',
      'busiest minute',
      '429s',
    ],
    exports.map((e) => [
      title(e),
      int(candidates(e)),
      `${duration(e.wallMs)} (${duration(e.queuedMs)})`,
      rate(candidates(e) / (e.wallMs / 1000)),
      int(e.traffic.counted),
      perCandidate(e).toFixed(2),
      rate(achieved(e)),
      e.allowedRate ? rate(e.allowedRate) : 'none',
      share(e) === null ? 'n/a' : `**${pct(share(e) ?? 0)}**`,
      e.allowedRate
        ? pct((100 * e.traffic.busiestRate) / e.allowedRate)
        : rate(e.traffic.busiestRate),
      int(e.traffic.throttled),
    ]),
  );
}

function appTable(exports: ExportFigures[]): string {
  return table(
    [
      'export',
      'peak RSS (before)',
      'peak PostgreSQL PSS',
      'CPU of this process',
      'events received',
      'event published → received (p50 / p95)',
      'item decided → received (p50 / p95 / max)',
      'items seen in events',
    ],
    exports.map((e) => [
      title(e),
      `${mib(e.memory.peakRssBytes)} (${mib(e.memory.baselineRssBytes)})`,
      mib(e.memory.peakPostgresBytes),
      `${duration(e.cpuMs)} (${pct((100 * e.cpuMs) / e.wallMs)} of a core)`,
      int(e.lag.events),
      `${ms(e.lag.eventP50)} / ${ms(e.lag.eventP95)}`,
      `${ms(e.lag.itemP50)} / ${ms(e.lag.itemP95)} / ${ms(e.lag.itemMax)}`,
      `${int(e.lag.itemsSeen)} of ${int(candidates(e))}`,
    ]),
  );
}

function outcomeText(c: Correctness): string {
  return Object.entries(c.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, n]) => `${int(n)} ${outcome}`)
    .join(', ');
}

function correctnessTable(exports: ExportFigures[]): string {
  return table(
    [
      'export',
      'outcomes',
      'lost',
      'records the items point to',
      'two people in one record',
      'records created (not pointed to)',
      'people in 2+ records (checked by e-mail)',
      'not placed / placed twice',
      'verdict',
    ],
    exports.map((e) => {
      const c = e.correctness;
      return [
        title(e),
        outcomeText(c),
        `**${int(c.lost + c.missingAtDestination)}**`,
        int(c.distinctRecords),
        int(c.sharedRecords),
        `${int(c.createdRecords)} (${int(c.orphanRecords)})`,
        `**${int(c.peopleInSeveralRecords)}** (${int(c.peopleChecked)})`,
        `${int(c.unplaced)} / ${int(c.placedTwice)}`,
        isCorrect(c) ? 'exactly once' : '**lost or duplicated**',
      ];
    }),
  );
}

function endpointTable(exports: ExportFigures[]): string {
  const rows = exports.flatMap((e) =>
    e.serviceTimes.map((s) => [
      title(e),
      `\`${s.endpoint}\``,
      int(s.count),
      (s.count / candidates(e)).toFixed(2),
      `${s.p50Ms.toFixed(1)} / ${s.p95Ms.toFixed(1)} ms`,
    ]),
  );
  return table(
    ['export', 'endpoint', 'calls', 'per candidate', 'simulator answer p50 / p95'],
    rows,
  );
}

/** Met or missed, and the ceiling the requests per candidate put on candidates/s. */
function boundLine(e: ExportFigures): string {
  const perCand = perCandidate(e);
  const p = share(e);
  const verdict =
    p === null
      ? 'no limit enforced'
      : p >= GOAL_PERCENT
        ? `${p.toFixed(1)} % of the allowed rate: meets the ${GOAL_PERCENT} % goal`
        : `${p.toFixed(1)} % of the allowed rate: misses the ${GOAL_PERCENT} % goal by ${(GOAL_PERCENT - p).toFixed(1)} points`;
  const ceiling = e.allowedRate ? e.allowedRate / perCand : null;
  const measured = candidates(e) / (e.runMs / 1000);
  const calls = e.serviceTimes
    .map((s) => `${(s.count / candidates(e)).toFixed(2)} × \`${s.endpoint}\``)
    .join(' + ');
  return (
    `- **${title(e)}**: ${verdict}. ${perCand.toFixed(2)} requests per candidate (${calls})` +
    (ceiling
      ? `, so at ${rate(e.allowedRate ?? 0)} the ceiling is ${rate(ceiling)} candidates; the run made ${rate(measured)} (${pct((100 * measured) / ceiling)} of it)`
      : '') +
    `. ${duration(e.traffic.idleMs)} of the run passed in gaps of ≥ 1 s without a call; ${int(e.traffic.throttled)} calls were refused with 429` +
    (e.traffic.throttled > 0
      ? ', each pausing every call to the destination for its Retry-After (at least 1 s), which is where those gaps come from.'
      : '.')
  );
}

export function exportSection(report: ExportBenchReport): string {
  const { settings, exports, source } = report;
  const small = settings.n < RECORD_N;
  const smallNote = small
    ? `\n\n> **Small run (${int(settings.n)} candidates), not the record.** The issue asks for ${int(RECORD_N)}: \`npm run bench -- export\` without \`CI\` or \`EXPORT_BENCH_N\` measures it.`
    : '';
  const sourceWhale = exports.find((e) => e.target.provider === 'SOURCEWHALE');
  const parts = [
    `## Export to destination simulators (${int(settings.n)} candidates)`,
    `Command: \`${settings.command}\`. Machine: ${report.machine}. Measured ${report.date}.${smallNote}`,
    `The real app runs in the benchmark's process (\`startApp\`, NODE_ENV=production, its own durable embedded PostgreSQL, the pg-boss queue). An Ashby simulator without a rate limit serves ${int(settings.n)} candidates; the app mirrors them (FULL sync, ${int(source.candidates)} live candidates searchable after ${duration(source.ms)}, not measured further). Each simulator runs in a process of its own. The exports are started through GraphQL (\`startExport\`, \`generateDummyEmails: true\`) with the key of a SourceWhale user who owns the campaign (destination calls act as the calling user), and followed on the \`exportStatus\` graphql-ws subscription and by polling \`exportJob\`:`,
    [
      `- **${TITLES.SOURCEWHALE}**: every candidate (\`search: {}\`) as PROSPECT into a campaign, to a SourceWhale simulator limited to ${settings.sourceWhaleRps} requests per 1 s window, the destination connection's \`requestsPerSecond\` set to the same ${settings.sourceWhaleRps}. SourceWhale already held ${int(settings.sourceWhaleDuplicates)} of the people (seeded from the same generator): their export is an update.`,
      `- **${TITLES.ASHBY}**: the first ${int(settings.ashbyN)} candidates (\`candidateIds\`) as CANDIDATE into an Open job of a second Ashby simulator (another seed, at its default limit${report.ashbyPolicy ? ` of ${int(report.ashbyPolicy.limit)} requests per ${duration(report.ashbyPolicy.windowMs)}` : ''}; Ashby publishes none), the connection without \`requestsPerSecond\`: the Ashby connector's own pace of ${report.ashbyPace} requests/s.`,
    ].join('\n'),
    `**Wall time** runs from the \`startExport\` call to the job's \`finishedAt\`; the vendor rate is measured over the run (\`startedAt\` → \`finishedAt\`) from the simulator's request log: authenticated calls answered without a 429 (the campaign or job check \`startExport\` makes is before it). Peak RSS is this process (the app, the subscriber and the bench's polling), sampled every 0.5 s. **Event lag** compares each event's \`at\` with the moment the subscriber's handler ran; **item lag** compares an item's \`finishedAt\` in the database with the arrival of the event naming its result. **Correctness** is read from the destination simulator's own store: nothing lost means every item CREATED or UPDATED, \`processed = total\`, and the record it names held by the destination and placed in the campaign or job; nothing duplicated means no two items share a record, every record the export created is one an item names, no person (by the e-mails Rediscover holds, or the generated address) is found in two records, and no record has two applications to the job.`,
  ];
  if (report.failures.length > 0) parts.push(`> **Failed:** ${report.failures.join('; ')}`);
  if (exports.length > 0) {
    parts.push(
      '### Throughput against the destination limits',
      throughputTable(exports),
      '### The app while exporting',
      appTable(exports),
      '### Exactly once?',
      correctnessTable(exports),
      '### What bounds throughput',
      exports.map(boundLine).join('\n'),
      `An export runs as one queue job that sends its items one at a time (each: the destination looked up, then one write), in rounds of ${report.batchSize} (\`EXPORT_BATCH_SIZE\`); SourceWhale looks a person up by each e-mail, then by each profile link, until one matches, so a new person costs every lookup plus the add, and a known one a lookup, a modify and an add. Ashby looks up by e-mail only, then \`candidate.create\` (plus \`candidate.update\` for links \`create\` has no field for) and \`application.create\`. The subscription publishes after each round, so an item's result reaches the subscriber when its round ends: the item lag is about half a round${sourceWhale ? ` (${report.batchSize} candidates at ${rate(candidates(sourceWhale) / (sourceWhale.runMs / 1000))} ≈ ${duration((report.batchSize / (candidates(sourceWhale) / (sourceWhale.runMs / 1000))) * 1000)} per round to SourceWhale)` : ''}. Calls per endpoint and how long the simulator took to answer them:`,
      endpointTable(exports),
    );
  }
  return parts.join('\n\n');
}
