/**
 * npm run bench -- sync: the first full sync of N candidates (100,000 for the record) from each
 * vendor simulator at the vendor's real rate limit, through the real app, then webhook → row
 * latency at 50 events/s. Writes the `sync` section of BENCHMARKS.md after every vendor, so a
 * run of several hours keeps what it measured even if a later vendor fails.
 */
import { randomBytes } from 'node:crypto';
import { machineLine, writeSection } from '../report';
import { startBenchApp, type BenchApp } from './bench-app';
import { int } from './format';
import { measureFullSync, type SyncFigures } from './full-sync';
import { SimulatorProcess } from './simulator-process';
import { syncSection } from './sync-report';
import {
  readSyncBenchSettings,
  WEBHOOK_VENDORS,
  type SyncBenchSettings,
  type VendorName,
} from './sync-settings';
import { measureWebhookLatency, type WebhookFigures } from './webhook-latency';

interface VendorOutcome {
  sync: SyncFigures;
  webhooks: WebhookFigures | null;
}

async function runVendor(vendor: VendorName, settings: SyncBenchSettings): Promise<VendorOutcome> {
  const webhookSecret = randomBytes(16).toString('hex');
  const started = performance.now();
  const sim = await SimulatorProcess.start({
    vendor,
    candidates: settings.n,
    seed: settings.seed,
    webhookSecret,
  });
  console.log(
    `[${vendor}] simulator ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${int(sim.info.candidates)} candidates, ${int(sim.info.applications)} applications, ` +
      `${int(sim.info.jobs)} jobs; limit ${sim.info.policy.limit} per ${sim.info.policy.windowMs} ms`,
  );
  let bench: BenchApp | null = null;
  try {
    bench = await startBenchApp(settings.logLevel);
    const sync = await measureFullSync(bench, sim, vendor, settings, webhookSecret);
    const webhooks =
      WEBHOOK_VENDORS.includes(vendor) && settings.webhook.seconds > 0
        ? await measureWebhookLatency(bench, sim, vendor, sync.connectionId, settings)
        : null;
    return { sync, webhooks };
  } finally {
    await bench?.stop();
    await sim.close();
  }
}

export async function runSyncBench(): Promise<void> {
  const settings = readSyncBenchSettings();
  console.log(
    `sync: ${int(settings.n)} candidates per vendor (${settings.vendors.join(', ')}); ` +
      `progress every ${settings.progressEveryMs / 1000} s`,
  );
  const syncs: SyncFigures[] = [];
  const webhooks: WebhookFigures[] = [];
  const failures: string[] = [];
  for (const vendor of settings.vendors) {
    try {
      const outcome = await runVendor(vendor, settings);
      syncs.push(outcome.sync);
      if (outcome.webhooks) webhooks.push(outcome.webhooks);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[${vendor}] failed: ${message}`);
      failures.push(`${vendor}: ${message}`);
    }
    if (syncs.length > 0) {
      writeSection(
        'sync',
        syncSection({
          settings,
          machine: machineLine(),
          date: new Date().toISOString().slice(0, 10),
          syncs,
          webhooks,
          failures,
        }),
      );
    }
  }
  if (failures.length > 0) throw new Error(`sync bench failed for ${failures.join('; ')}`);
  console.log('sync: BENCHMARKS.md updated');
}
