/**
 * npm run bench -- triggers: stage triggers end to end. The Ashby simulator (2,000 candidates)
 * is mirrored into the real app; 10 triggers watch 10 (job, stage) pairs and post to a partner
 * endpoint on loopback that verifies every signature. Applications are moved into the watched
 * pairs at 50 moves/s: delivery latency, lost and duplicated deliveries with a prompt partner,
 * then deliveries per second with a partner answering in 200 ms. Writes the `triggers` section
 * of BENCHMARKS.md.
 */
import os from 'node:os';
import { Rng } from '../../test/simulators/generator';
import { machineLine, writeSection } from '../report';
import { startBenchApp, type BenchApp } from '../sync/bench-app';
import { duration, int } from '../sync/format';
import type { AshbyProcess } from './ashby-process';
import { mirrorAshby, type MirroredAshby } from './ashby-source';
import { deliveryBacklog } from './delivery-backlog';
import { DeliveryLedger } from './delivery-ledger';
import { readEventTimes } from './event-times';
import { lostReasons } from './lost-reasons';
import { runMovePhase, type PhaseRun } from './move-phase';
import { PairMover } from './pair-mover';
import { startPartnerEndpoint, type PartnerEndpoint } from './partner-endpoint';
import { phaseFigures } from './phase-figures';
import { pipelineFigures } from './pipeline-stages';
import { createTriggerPairs } from './trigger-pairs';
import { readTriggersBenchSettings, type TriggersBenchSettings } from './trigger-settings';
import { triggersSection, type PhaseOutcome } from './triggers-report';
import { VendorSends } from './vendor-sends';

/** Deliveries one process keeps in flight: the WebhookDeliveryWorker's setting in src/main.ts. */
const DELIVERY_CONCURRENCY = 8;

export async function runTriggersBench(): Promise<void> {
  const settings = readTriggersBenchSettings();
  console.log(
    `triggers: ${int(settings.n)} Ashby candidates, ${settings.jobs * 2} triggers; ` +
      `${settings.latency.movesPerSecond} moves/s for ${settings.latency.seconds} s, then ` +
      `${settings.throughput.seconds} s against a partner answering in ${settings.throughput.answerDelayMs} ms`,
  );
  let bench: BenchApp | null = null;
  let partner: PartnerEndpoint | null = null;
  let source: MirroredAshby | null = null;
  try {
    bench = await startBenchApp(settings.logLevel);
    partner = await startPartnerEndpoint();
    source = await mirrorAshby(bench, { candidates: settings.n, seed: settings.seed });
    console.log(
      `[sync] ${int(source.candidates)} candidates mirrored and searchable in ${duration(source.syncMs)}`,
    );
    await measure(settings, bench, partner, source);
  } finally {
    await source?.sim.close();
    await partner?.close();
    await bench?.stop();
  }
  console.log('triggers: BENCHMARKS.md updated');
}

async function measure(
  settings: TriggersBenchSettings,
  bench: BenchApp,
  partner: PartnerEndpoint,
  source: MirroredAshby,
): Promise<void> {
  const { sim, connectionId } = source;
  const setup = await createTriggerPairs(bench, sim.info, connectionId, partner, settings.jobs);
  console.log(
    `[triggers] ${setup.pairs.length} triggers on ${settings.jobs} jobs ` +
      `(${[...new Set(setup.pairs.map((p) => p.stageName))].join(', ')}); ` +
      `${setup.applications.length} applications to move`,
  );
  const ledger = new DeliveryLedger();
  const mover = new PairMover(sim, setup, ledger, Rng.fromSeed(settings.seed, 'trigger-moves'));
  partner.onReceipt((receipt) => {
    const settled = ledger.record(receipt);
    if (settled) mover.release(settled.applicationKey);
  });

  const loadAverage = os.loadavg()[0] ?? 0;
  const phases: PhaseOutcome[] = [];
  for (const [label, phase] of [
    ['prompt partner', settings.latency],
    ['slow partner', settings.throughput],
  ] as const) {
    if (phase.seconds <= 0) continue;
    const run = await runMovePhase(label, phase, settings.waitSeconds, { mover, ledger, partner });
    const outcome = await phaseOutcome(run, { bench, sim, connectionId, ledger });
    phases.push(outcome);
    printPhase(outcome);
  }

  writeSection(
    'triggers',
    triggersSection({
      settings,
      machine: machineLine(),
      date: new Date().toISOString().slice(0, 10),
      candidates: source.candidates,
      applications: setup.applications.length,
      syncMs: source.syncMs,
      loadAverage,
      pairs: setup.pairs,
      concurrency: DELIVERY_CONCURRENCY,
      phases,
    }),
  );
}

/** A phase's figures from the ledger, the simulator's POST log and the app's rows. */
async function phaseOutcome(
  run: PhaseRun,
  deps: { bench: BenchApp; sim: AshbyProcess; connectionId: string; ledger: DeliveryLedger },
): Promise<PhaseOutcome> {
  const { bench, sim, connectionId, ledger } = deps;
  const sends = new VendorSends(await sim.request({ type: 'sends', since: run.startedAt - 1000 }));
  const entries = ledger.of(run.label);
  const received = entries.filter((e) => e.receivedAt !== null);
  const times = await readEventTimes(
    bench.db,
    received.flatMap((e) => (e.eventId ? [e.eventId] : [])),
  );
  return {
    figures: phaseFigures(ledger, run, sends),
    lost: await lostReasons(
      bench.db,
      connectionId,
      entries.filter((e) => e.receivedAt === null),
    ),
    pipeline: pipelineFigures(received, times, sends),
    backlog: deliveryBacklog([...times.values()], DELIVERY_CONCURRENCY),
  };
}

function printPhase({ figures: f, lost, pipeline, backlog }: PhaseOutcome): void {
  const l = f.fromMove;
  console.log(
    `[${f.run.label}] ${f.received}/${f.expected} delivered, ${f.expected - f.received} lost, ` +
      `${f.duplicates} duplicates, ${f.unexpected.count} unexpected, ${f.invalid.count} bad signatures; ` +
      `move → received p50 ${Math.round(l.p50)} / p95 ${Math.round(l.p95)} / p99 ${Math.round(l.p99)} ms; ` +
      `${f.duringMovesPerSecond.toFixed(1)} deliveries/s while moving` +
      (f.drainPerSecond === null ? '' : `, ${f.drainPerSecond.toFixed(1)}/s draining`) +
      `; peak in flight ${f.run.peakInFlight}`,
  );
  for (const [reason, count] of lost) console.log(`  lost: ${count} × ${reason}`);
  console.log(
    `  delivery backlog: peak ${backlog.peakWaiting} waiting; ` +
      (backlog.postsPerSecond === null
        ? `${backlog.busyCycles} claims with a full batch waiting (too few to measure capacity)`
        : `${backlog.postsPerSecond.toFixed(1)} deliveries/s over ${backlog.busyCycles} busy claims`),
  );
  for (const step of pipeline.steps)
    console.log(`  ${step.step}: p50 ${Math.round(step.p50)} ms, p95 ${Math.round(step.p95)} ms`);
}
