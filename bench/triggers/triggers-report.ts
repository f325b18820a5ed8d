import { duration, int, table } from '../sync/format';
import type { Latency, PhaseFigures } from './phase-figures';
import type { BacklogFigures } from './delivery-backlog';
import type { LostReasons } from './lost-reasons';
import type { PipelineFigures } from './pipeline-stages';
import type { TriggeredPair } from './trigger-pairs';
import type { TriggersBenchSettings } from './trigger-settings';

/** One phase's figures, why deliveries were lost, and where the received ones' time went. */
export interface PhaseOutcome {
  figures: PhaseFigures;
  lost: LostReasons;
  pipeline: PipelineFigures;
  backlog: BacklogFigures;
}

/** Everything the `triggers` section shows. */
export interface TriggersReport {
  settings: TriggersBenchSettings;
  machine: string;
  date: string;
  candidates: number;
  applications: number;
  syncMs: number;
  /** The machine's 1-minute load average when the moves began (other work skews the figures). */
  loadAverage: number;
  pairs: TriggeredPair[];
  /** Deliveries one process keeps in flight (the worker's setting in src/main.ts). */
  concurrency: number;
  phases: PhaseOutcome[];
}

const GOAL_P95_MS = 2_000;

export function triggersSection(r: TriggersReport): string {
  const { settings } = r;
  const stages = [...new Set(r.pairs.map((p) => p.stageName))].join('" and "');
  const jobs = new Set(r.pairs.map((p) => p.jobId)).size;
  const lines = [
    `## Stage triggers: Ashby stage move → signed partner webhook (${int(r.candidates)} candidates)`,
    '',
    `Command: \`${settings.command}\`. Machine: ${r.machine}. Measured ${r.date}; 1-minute load average when the moves began: ${r.loadAverage.toFixed(1)}.`,
    '',
  ];
  if (settings.ci)
    lines.push(
      `> **CI-size run, not the record**: ${settings.latency.seconds} s and ${settings.throughput.seconds} s of moves on ${int(settings.n)} candidates. \`npm run bench -- triggers\` without \`CI\` measures 20 s and 10 s on 2,000.`,
      '',
    );
  lines.push(
    `The real app runs in the benchmark's process (\`startApp\`, NODE_ENV=production, its own durable embedded PostgreSQL, the pg-boss queue, loopback partners allowed), and so does the partner endpoint; the Ashby simulator runs in a process of its own at its default limit, mirrored by the first FULL sync (${duration(r.syncMs)} until every candidate was searchable; setup, not measured) with its webhooks "configured in the Ashby UI" to the app. ${r.pairs.length} triggers, created through \`createStageTrigger\` after \`atsJobs\`: the ${jobs} jobs with the most movable applications (${int(r.applications)} not hired), each at "${stages}". Each trigger posts to its own path of a partner endpoint on loopback that verifies every delivery with the \`standardwebhooks\` package, with that trigger's secret, and answers 400 when it does not verify. Each move takes a random application of those jobs that is not awaiting a delivery and moves it, in the simulator, into its job's other watched stage: every move must fire exactly one delivery. An application moves again only once its last delivery arrived (a recruiter does not move one candidate twice in a second; two quick moves could reach the app as one change).`,
    '',
    `Latency runs from the move in the simulator (or from the simulator's first webhook POST about it) to the partner's receipt of the verified delivery; a delivery not received within ${settings.waitSeconds} s of the phase's last move counts as lost and as slower than that. Duplicates are receipts of a \`webhook-id\` already received (at-least-once allows them; none are expected with one process and no failures). Unexpected ones are verified deliveries no move was awaiting.`,
    '',
    table(
      [
        'phase',
        'partner answers',
        'moves',
        'received',
        'lost',
        'duplicates (same webhook-id)',
        'unexpected',
        'bad signatures',
        'move → received p50 / p95 / p99',
        'vendor send → received p50 / p95 / p99',
      ],
      r.phases.map(({ figures: f }) => [
        f.run.label,
        f.run.settings.answerDelayMs > 0 ? `after ${f.run.settings.answerDelayMs} ms` : 'at once',
        `${int(f.expected)} (${f.run.settings.movesPerSecond}/s × ${f.run.settings.seconds} s${f.run.skipped > 0 ? `; ${f.run.skipped} skipped: no application free` : ''})`,
        `${int(f.received)}`,
        `**${int(f.expected - f.received)}**`,
        `**${f.duplicates}**`,
        `${f.unexpected.count}`,
        `${f.invalid.count}`,
        triple(f.fromMove, settings.waitSeconds),
        triple(f.fromVendorSend, settings.waitSeconds),
      ]),
    ),
    '',
    table(
      [
        'phase',
        'deliveries/s while moving',
        'after the last move: backlog drained at',
        'last delivery after the last move',
        'delivery worker busy (a full batch waiting behind each claim): deliveries/s (claims)',
        'most deliveries waiting',
        "partner's peak deliveries in flight",
        'POSTs received',
        "the app's answer to Ashby's webhook POSTs p50 / p95",
        'event loop late p50 / p99 / max',
      ],
      r.phases.map(({ figures: f, backlog: b }) => [
        f.run.label,
        `${f.duringMovesPerSecond.toFixed(1)}/s`,
        f.drainPerSecond === null ? '–' : `${f.drainPerSecond.toFixed(1)}/s`,
        f.drainMs === null ? '–' : duration(f.drainMs),
        b.postsPerSecond === null
          ? `– (${b.busyCycles})`
          : `${b.postsPerSecond.toFixed(1)}/s (${b.busyCycles})`,
        `${b.peakWaiting}`,
        `${f.run.peakInFlight}`,
        int(f.receipts),
        `${ms(f.vendorAnswer.p50)} / ${ms(f.vendorAnswer.p95)} (${int(f.vendorAnswer.count)} POSTs)`,
        `${f.run.eventLoop.p50.toFixed(1)} / ${f.run.eventLoop.p99.toFixed(1)} / ${Math.round(f.run.eventLoop.max)} ms`,
      ]),
    ),
    '',
    `Where a received delivery's time went, from the simulator's POST log and the app's rows (PostgreSQL stamps a row with the start of its transaction, so each step carries the previous one's commit); ${r.phases.map((p) => `${p.pipeline.retried} deliveries of the ${p.figures.run.label} phase`).join(' and ')} needed more than one attempt:`,
    '',
    pipelineTable(r.phases),
    '',
    '### Goals',
    '',
    table(['goal', 'measured', 'verdict'], goals(r)),
    '',
    ...lostLines(r),
    '### What bounds it',
    '',
    ...bounds(r),
  );
  return lines.join('\n');
}

function pipelineTable(phases: PhaseOutcome[]): string {
  const steps = phases[0]?.pipeline.steps.map((s) => s.step) ?? [];
  return table(
    ['step', ...phases.map((p) => `${p.figures.run.label} p50 / p95`)],
    steps.map((step, i) => [
      step,
      ...phases.map((p) => {
        const s = p.pipeline.steps[i];
        return s ? `${ms(s.p50)} / ${ms(s.p95)}` : '–';
      }),
    ]),
  );
}

function goals(r: TriggersReport): string[][] {
  const rows: string[][] = [];
  const prompt = r.phases[0]?.figures;
  if (prompt) {
    for (const [from, latency] of [
      ['move in Ashby', prompt.fromMove],
      ["Ashby's webhook POST", prompt.fromVendorSend],
    ] as const) {
      rows.push([
        `${from} → partner received, p95 ≤ 2 s (${prompt.run.label} phase)`,
        ms(latency.p95),
        latency.p95 <= GOAL_P95_MS ? 'met' : `missed by ${ms(latency.p95 - GOAL_P95_MS)}`,
      ]);
    }
  }
  for (const { figures: f } of r.phases) {
    const lost = f.expected - f.received;
    rows.push([
      `0 lost (${f.run.label} phase)`,
      `${int(f.received)} of ${int(f.expected)} received`,
      lost === 0 ? 'met' : `missed: ${int(lost)} lost`,
    ]);
    rows.push([
      `0 duplicates (${f.run.label} phase)`,
      `${f.duplicates} received twice with one webhook-id`,
      f.duplicates === 0 ? 'met' : 'missed (allowed by at-least-once)',
    ]);
  }
  return rows;
}

function lostLines(r: TriggersReport): string[] {
  const lines: string[] = [];
  for (const { figures: f, lost } of r.phases) {
    if (lost.size === 0 && f.unexpected.count === 0 && f.invalid.count === 0) continue;
    lines.push(`In the ${f.run.label} phase:`, '');
    for (const [reason, count] of lost)
      lines.push(`- lost, ${count ? `${count} × ` : ''}${reason}`);
    if (f.unexpected.count > 0)
      lines.push(
        `- ${f.unexpected.count} unexpected deliveries, e.g. ${f.unexpected.examples.join('; ')}`,
      );
    if (f.invalid.count > 0)
      lines.push(`- ${f.invalid.count} deliveries failed verification: ${f.invalid.first ?? ''}`);
    lines.push('');
  }
  return lines;
}

function bounds(r: TriggersReport): string[] {
  const first = r.phases[0];
  const slow = r.phases.find((p) => p.figures.run.settings.answerDelayMs > 0);
  const lines: string[] = [];
  if (first) {
    const f = first.figures;
    const perMove = f.expected > 0 ? f.vendorAnswer.count / f.expected : 0;
    const budget = perMove > 0 ? 1000 / (f.run.settings.movesPerSecond * perMove) : NaN;
    const [queue, intake, dispatch, claim] = first.pipeline.steps;
    lines.push(
      `- **Ashby's webhook queue, then the app's intake.** The simulator sends its webhooks one at a time per receiver, in order (${perMove.toFixed(1)} POSTs per move here), so at ${f.run.settings.movesPerSecond} moves/s the app must answer each in under ${ms(budget)} on average or the queue grows; it answered in ${ms(f.vendorAnswer.p50)} p50 / ${ms(f.vendorAnswer.p95)} p95${queue ? `, and a move waited ${ms(queue.p50)} p50 / ${ms(queue.p95)} p95 in that queue` : ''}${intake ? `; from Ashby's POST to the mirrored row (intake, job queue, applier) took ${ms(intake.p50)} / ${ms(intake.p95)}` : ''}. Both are the sync path every webhook takes, not the triggers'.`,
      `- **Wake-ups.** The database trigger writes the stage_change_events row in the transaction that mirrors the move and sends a NOTIFY at its commit; the dispatcher (woken by it through the app's LISTEN connection, with a 2 s poll as a fallback) queues up to 100 deliveries per transaction and wakes the delivery worker in the same process (1 s poll as a fallback).${dispatch && claim ? ` Mirrored row → delivery queued took ${ms(dispatch.p50)} p50 / ${ms(dispatch.p95)} p95, queued → first POST ${ms(claim.p50)} / ${ms(claim.p95)} with a prompt partner: the NOTIFY and the in-process wake-up, not the polls, start them.` : ''}`,
    );
  }
  const s = slow?.figures;
  const rate = slow?.backlog.postsPerSecond ?? null;
  lines.push(
    `- **Delivery concurrency: ${r.concurrency} per process, in batches.** The worker claims up to ${r.concurrency} due deliveries, POSTs them in parallel and claims the next ones only when the whole batch has answered and been recorded, so one process delivers at most ${r.concurrency} ÷ (the partner's answer time) per second, less the claim and record round trips, and one slow answer holds the other slots of its batch.${
      s
        ? ` With answers after ${s.run.settings.answerDelayMs} ms the ceiling is ${Math.round((r.concurrency * 1000) / s.run.settings.answerDelayMs)}/s; ${rate === null ? `the worker was rarely busy with a full batch waiting behind it (the moves reached the app slower than it delivers), so its capacity was not measured` : `busy with a full batch waiting behind each claim it delivered ${rate.toFixed(1)}/s`}, at most ${s.run.peakInFlight} in flight at the partner (${slow.backlog.peakWaiting} waiting at most). Moves beyond that rate wait as PENDING rows (nothing is lost) and their latency grows with the backlog (p95 ${ms(s.fromMove.p95)}). More worker processes (ROLE=worker) add ${r.concurrency} each: the claim uses SKIP LOCKED.`
        : ''
    }`,
    `- **Shared machine.** The app and the partner share one Node event loop (its lateness per phase is in the second table); the simulator has a process of its own; all of them share the machine's cores with PostgreSQL.`,
  );
  return lines;
}

function triple(l: Latency, waitSeconds: number): string {
  const f = (v: number): string => (Number.isFinite(v) ? ms(v) : `> ${waitSeconds} s`);
  return `${f(l.p50)} / ${f(l.p95)} / ${f(l.p99)}`;
}

function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return Math.abs(v) >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}
