/**
 * npm run bench -- export: N candidates (10,000 for the record) mirrored from an Ashby simulator
 * into the real app, then exported to a SourceWhale simulator at a set rate limit (as prospects
 * into a campaign) and to a second Ashby simulator (as candidates into a job): throughput against
 * the vendor's limit, the app's memory, the exportStatus subscription's lag, and whether every
 * candidate arrived exactly once. Writes the `export` section of BENCHMARKS.md after each export.
 */
import { ASHBY_GATE } from '../../src/connectors/ashby/ashby.client';
import { machineLine, writeSection } from '../report';
import { startBenchApp, type BenchApp } from '../sync/bench-app';
import { duration, int } from '../sync/format';
import { asUser } from './bench-user';
import { ashbyTarget, sourceWhaleTarget } from './destinations';
import { exportSection } from './export-report';
import { measureExport, type ExportFigures } from './export-run';
import { readExportBenchSettings, type ExportBenchSettings } from './export-settings';
import { ExportSimulatorProcess } from './export-simulator-process';
import { mirrorSource } from './source-sync';

/** People of its own the Ashby destination holds (another seed: none of them is exported). */
const ASHBY_DESTINATION_PEOPLE = 10;

interface Simulators {
  ats: ExportSimulatorProcess;
  sourceWhale: ExportSimulatorProcess;
  ashby: ExportSimulatorProcess | null;
}

async function startSimulators(settings: ExportBenchSettings): Promise<Simulators> {
  const started = Date.now();
  const [ats, sourceWhale, ashby] = await Promise.all([
    ExportSimulatorProcess.start({
      role: 'ats',
      candidates: settings.n,
      seed: settings.seed,
      rateLimit: 'none',
    }),
    ExportSimulatorProcess.start({
      role: 'sourcewhale',
      candidates: settings.sourceWhaleDuplicates,
      seed: settings.seed,
      rateLimit: { limit: settings.sourceWhaleRps, windowMs: 1000 },
    }),
    settings.ashbyN > 0
      ? ExportSimulatorProcess.start({
          role: 'ashby-destination',
          candidates: ASHBY_DESTINATION_PEOPLE,
          seed: `${settings.seed}-destination`,
          rateLimit: 'vendor-default',
        })
      : Promise.resolve(null),
  ]);
  console.log(`export: simulators ready in ${duration(Date.now() - started)}`);
  return { ats, sourceWhale, ashby };
}

/** The first `n` mirrored candidates, in the order the sync wrote them. */
async function firstCandidates(
  bench: BenchApp,
  connectionId: string,
  n: number,
): Promise<string[]> {
  const rows = await bench.db.query<{ id: string }>(
    `SELECT id FROM candidates WHERE connection_id = $1 AND deleted_at IS NULL
     ORDER BY created_at, id LIMIT $2`,
    [connectionId, n],
  );
  return rows.rows.map((r) => r.id);
}

export async function runExportBench(): Promise<void> {
  const settings = readExportBenchSettings();
  console.log(
    `export: ${int(settings.n)} candidates to SourceWhale at ${settings.sourceWhaleRps} requests/s, ` +
      `${int(settings.ashbyN)} to Ashby; progress every ${settings.progressEveryMs / 1000} s`,
  );
  const sims = await startSimulators(settings);
  let bench: BenchApp | null = null;
  const exports: ExportFigures[] = [];
  const failures: string[] = [];
  try {
    bench = await startBenchApp(settings.logLevel);
    const owner = sims.sourceWhale.info.campaign?.ownerEmail;
    if (!owner) throw new Error('the SourceWhale simulator named no campaign owner');
    const user = await asUser(bench, owner);
    const source = await mirrorSource(user, sims.ats, settings.progressEveryMs);
    console.log(
      `[source] ${int(source.candidates)} candidates searchable after ${duration(source.ms)}`,
    );
    await sims.ats.close();
    const report = (): void =>
      writeSection(
        'export',
        exportSection({
          settings,
          machine: machineLine(),
          date: new Date().toISOString().slice(0, 10),
          source,
          exports,
          failures,
          batchSize: user.app.config.exports.batchSize,
          ashbyPolicy: sims.ashby?.info.policy ?? null,
          ashbyPace: ASHBY_GATE.rate?.requests ?? 0,
        }),
      );

    const runs: [string, () => Promise<ExportFigures>][] = [
      [
        'sourcewhale',
        async () =>
          measureExport(
            user,
            sims.sourceWhale,
            await sourceWhaleTarget(user, sims.sourceWhale, settings.sourceWhaleRps),
            { search: {} },
            settings.progressEveryMs,
          ),
      ],
    ];
    const ashby = sims.ashby;
    if (ashby) {
      runs.push([
        'ashby',
        async () =>
          measureExport(
            user,
            ashby,
            await ashbyTarget(user, ashby),
            { candidateIds: await firstCandidates(user, source.connectionId, settings.ashbyN) },
            settings.progressEveryMs,
          ),
      ]);
    }
    for (const [name, run] of runs) {
      try {
        exports.push(await run());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[${name}] failed: ${message}`);
        failures.push(`${name}: ${message}`);
      }
      report();
    }
  } finally {
    await bench?.stop();
    await Promise.all([sims.ats.close(), sims.sourceWhale.close(), sims.ashby?.close()]);
  }
  if (failures.length > 0) throw new Error(`export bench failed for ${failures.join('; ')}`);
  console.log('export: BENCHMARKS.md updated');
}
