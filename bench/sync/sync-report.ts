import { duration, int, mib, pct, rate, table } from './format';
import type { PhaseFigures, SyncFigures } from './full-sync';
import { RECORD_N, type SyncBenchSettings } from './sync-settings';
import { type PROVIDERS } from './vendor-simulators';
import type { WebhookFigures } from './webhook-latency';
import { webhookSection } from './webhook-report';

const GOAL_PERCENT = 90;
const VENDOR_TITLES = {
  ashby: 'Ashby',
  greenhouse: 'Greenhouse',
  smartrecruiters: 'SmartRecruiters',
} as const satisfies Record<keyof typeof PROVIDERS, string>;

export interface SyncBenchReport {
  settings: SyncBenchSettings;
  machine: string;
  date: string;
  syncs: SyncFigures[];
  webhooks: WebhookFigures[];
  /** Vendors whose run failed, with the error. */
  failures: string[];
}

const title = (s: { vendor: keyof typeof VENDOR_TITLES }): string => VENDOR_TITLES[s.vendor];
const achieved = (s: SyncFigures): number => s.traffic.counted / (s.durationMs / 1000);
const percentOfAllowed = (s: SyncFigures): number => (100 * achieved(s)) / s.allowedRate;

function policyLine(s: SyncFigures): string {
  const seconds = s.allowedRate.toFixed(2);
  return `${title(s)} ${seconds}/s`;
}

function syncTable(syncs: SyncFigures[]): string {
  return table(
    [
      'vendor',
      'candidates',
      'duration',
      'API requests',
      'achieved',
      'allowed',
      '% of allowed',
      '429s',
      'rate-limit waits',
    ],
    syncs.map((s) => [
      title(s),
      int(s.simulator.candidates),
      duration(s.durationMs),
      int(s.traffic.counted),
      rate(achieved(s)),
      rate(s.allowedRate),
      `**${pct(percentOfAllowed(s))}**`,
      int(s.traffic.throttled),
      int(s.run.rateLimitWaits),
    ]),
  );
}

function storageTable(syncs: SyncFigures[]): string {
  return table(
    [
      'vendor',
      'rows written (candidates / applications / jobs / files)',
      'rows/s',
      'peak RSS (before the run)',
      'peak PostgreSQL PSS',
      'app CPU',
      'event loop late by (p50 / p99 / max)',
      'database size',
      'search complete',
    ],
    syncs.map((s) => [
      title(s),
      `${int(s.rows.total)} (${int(s.rows.candidates)} / ${int(s.rows.applications)} / ${int(s.rows.jobs)} / ${int(s.rows.attachments)})`,
      rate(s.rows.total / (s.durationMs / 1000)),
      `${mib(s.memory.peakRssBytes)} (${mib(s.memory.baselineRssBytes)})`,
      mib(s.memory.peakPostgresBytes),
      `${duration(s.cpuMs)} (${pct((100 * s.cpuMs) / s.durationMs)} of a core)`,
      `${s.eventLoopDelay.p50Ms.toFixed(1)} / ${s.eventLoopDelay.p99Ms.toFixed(1)} / ${Math.round(s.eventLoopDelay.maxMs)} ms`,
      mib(s.databaseBytes),
      s.searchCaughtUpMs === null ? 'timed out' : `+${duration(s.searchCaughtUpMs)}`,
    ]),
  );
}

/** Consecutive phases shorter than 2 % of the sync are shown as one row. */
function mergeShortPhases(s: SyncFigures): PhaseFigures[] {
  const short = (p: PhaseFigures): boolean => p.ms < 0.02 * s.durationMs;
  const merged: PhaseFigures[] = [];
  let previousShort = false;
  for (const p of s.phases) {
    const last = merged[merged.length - 1];
    if (last && previousShort && short(p)) {
      merged[merged.length - 1] = {
        phase: `${last.phase} + ${p.phase}`,
        ms: last.ms + p.ms,
        pages: last.pages + p.pages,
        counted: last.counted + p.counted,
        throttled: last.throttled + p.throttled,
        uncounted: last.uncounted + p.uncounted,
      };
    } else {
      merged.push(p);
    }
    previousShort = short(p);
  }
  return merged;
}

function phaseTable(syncs: SyncFigures[]): string {
  const rows = syncs.flatMap((s) =>
    mergeShortPhases(s).map((p) => {
      const r = p.ms > 0 ? p.counted / (p.ms / 1000) : 0;
      return [
        title(s),
        p.phase,
        duration(p.ms),
        p.pages > 0 ? `${int(p.pages)} × ${duration(p.ms / p.pages)}` : '',
        int(p.counted),
        rate(r),
        pct((100 * r) / s.allowedRate),
        int(p.uncounted),
        int(p.throttled),
      ];
    }),
  );
  return table(
    [
      'vendor',
      'phase',
      'time',
      'pages × time per page',
      'API requests',
      'rate',
      '% of allowed',
      'not counted (tokens, signed files)',
      '429s',
    ],
    rows,
  );
}

function endpointTable(syncs: SyncFigures[]): string {
  const rows = syncs.flatMap((s) =>
    s.traffic.byEndpoint
      .slice(0, 6)
      .map((e) => [
        title(s),
        `\`${e.endpoint}\``,
        int(e.counted),
        (e.counted / s.simulator.candidates).toFixed(2),
        int(e.uncounted),
      ]),
  );
  return table(['vendor', 'endpoint', 'counted', 'per candidate', 'not counted'], rows);
}

function projectionTable(syncs: SyncFigures[]): string {
  return table(
    [
      'vendor',
      'measured at',
      'requests per candidate',
      'projected requests',
      'projected time at the measured rate',
      'at 100 % of the allowed rate',
    ],
    syncs.map((s) => {
      const requests = (s.traffic.counted / s.simulator.candidates) * RECORD_N;
      return [
        title(s),
        int(s.simulator.candidates),
        (s.traffic.counted / s.simulator.candidates).toFixed(2),
        int(requests),
        `**${duration((requests / achieved(s)) * 1000)}**`,
        duration((requests / s.allowedRate) * 1000),
      ];
    }),
  );
}

/** Met or missed, by how much, and what the run's own figures say bounds it. */
function goalLine(s: SyncFigures): string {
  const percent = percentOfAllowed(s);
  const busiest = (100 * s.traffic.busiestRate) / s.allowedRate;
  const idleShare = (100 * s.traffic.idleMs) / s.durationMs;
  const verdict =
    percent >= GOAL_PERCENT
      ? `${percent.toFixed(1)} %: meets the ${GOAL_PERCENT} % goal`
      : `${percent.toFixed(1)} %: misses the ${GOAL_PERCENT} % goal by ${(GOAL_PERCENT - percent).toFixed(1)} points`;
  const slow = s.phases
    .filter(
      (p) => p.ms >= 0.05 * s.durationMs && (100 * p.counted) / (p.ms / 1000) / s.allowedRate < 50,
    )
    .map(
      (p) =>
        `${p.phase} (${duration(p.ms)} at ${pct((100 * p.counted) / (p.ms / 1000) / s.allowedRate)})`,
    );
  return (
    `- **${title(s)}**: ${verdict}. Its busiest minute ran at ${pct(busiest)} of the allowed rate ` +
    `(the client's own pace when nothing else holds it up); ${duration(s.traffic.idleMs)} ` +
    `(${pct(idleShare)} of the sync) passed in gaps of ≥ 1 s without an API call` +
    (slow.length > 0 ? `; slow phases: ${slow.join(', ')}` : '') +
    `. ${s.traffic.throttled} requests were refused with 429.`
  );
}

export function syncSection(report: SyncBenchReport): string {
  const { settings, syncs } = report;
  const small = settings.n < RECORD_N;
  const smallNote = small
    ? `\n\n> **Small run (${int(settings.n)} candidates per vendor), not the record.** The issue asks for ${int(RECORD_N)}: \`npm run bench -- sync\` without \`CI\` or \`SYNC_BENCH_N\` measures it (hours: see the projection).`
    : '';
  const parts = [
    `## Sync from the vendor simulators (${int(settings.n)} candidates per vendor)`,
    `Command: \`${settings.command}\`. Machine: ${report.machine}. Measured ${report.date}.${smallNote}`,
    `Each vendor's simulator runs in a process of its own at the vendor's default limit (${syncs.map(policyLine).join(', ')}; SmartRecruiters also 8 in flight and 1 for \`GET /candidates\`; Ashby's 1,000/min is a guess). The real app runs in the benchmark's process (\`startApp\`, NODE_ENV=production, its own durable embedded PostgreSQL in a fresh data folder, the pg-boss queue); the connection is created through GraphQL with no pace override, and the bench follows its first FULL run through \`syncRuns\`. **Duration** runs from \`createConnection\` (credential check included) to the run's \`finishedAt\`. **API requests** are the authenticated calls the simulator answered without a 429: the ones its limiter charges to the credential. OAuth token calls and pre-signed file downloads (Greenhouse attachment URLs, Ashby \`file.info\` links) are public routes there, as at the vendors, and are not counted; 429s are listed apart. **Rows written** are the connection's candidates, applications, jobs and attachments rows, over the duration. Peak RSS is this process (the app plus the benchmark's polling), sampled every 0.5 s; "event loop late by" is how late this process ran its timers during the sync (10 ms resolution): the connector's pacing waits behind whatever blocks the loop; "search complete" is how long after the run search returned every candidate.`,
    '### First full sync',
    syncTable(syncs),
    storageTable(syncs),
    `### Against the ${GOAL_PERCENT} % goal`,
    syncs.map(goalLine).join('\n'),
    '### Where the time went',
    phaseTable(syncs),
    "Phases come from the `syncStatus` subscription (one event per committed page): a phase starts when the previous one's last page was committed; in the attachments phase a page is a batch of 8 files. Phases shorter than 2 % of the sync share a row. The vendors' limits are fixed windows, so spans shorter than a few windows can exceed 100 % (the first window's burst). Busiest endpoints (counted calls per synced candidate show the per-candidate detail calls):",
    endpointTable(syncs),
  ];
  if (report.failures.length > 0) parts.splice(2, 0, `> **Failed:** ${report.failures.join('; ')}`);
  if (small)
    parts.push(
      `### Projected for ${int(RECORD_N)} candidates`,
      `Linear in the requests per candidate measured here (the 40 jobs and the credential check do not grow with N, so small runs overstate it slightly).`,
      projectionTable(syncs),
    );
  if (report.webhooks.length > 0) parts.push(webhookSection(report.webhooks));
  return parts.join('\n\n');
}
