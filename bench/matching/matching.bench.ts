/**
 * `npm run bench -- matching`: a labelled world (candidates, and a directory many times larger,
 * with the truth of who is whom) goes through the real import and the real matcher; the bench
 * reports import throughput, rematch times (profiled by step) and precision and recall per rule
 * against the truth, and writes the "Profile matching" section of BENCHMARKS.md. See
 * matching-settings.ts for the environment variables (CI, MATCHING_BENCH_*).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { machineLine, writeSection } from '../report';
import { startBenchDatabase } from '../search/bench-database';
import { MemorySampler } from '../search/memory';
import { CpuMeter } from './cpu-time';
import { explainAffectedQuery, explainDirectoryQuery } from './explain';
import { importDirectory, parseDirectory, writeDirectoryFile } from './import-directory';
import { loadCandidates } from './load-candidates';
import { renderMatchingSection, type EmailIndex, type MatchingReport } from './matching-report';
import { readMatchingBenchSettings, type MatchingBenchSettings } from './matching-settings';
import { referenceDecisions } from './reference-rules';
import { BenchMatcher, type RematchRun } from './rematch';
import { readMatches, score, type LabelledCandidate, type ProductMatch } from './scoring';
import { badLineKind, buildWorld } from './world';

const log = (line: string): void => console.log(line);

export async function runMatchingBench(): Promise<void> {
  const settings = readMatchingBenchSettings();
  const startedAt = performance.now();
  const loadAverage = os.loadavg()[0] ?? 0;
  log(
    `matching bench: ${settings.candidates} candidates, ${settings.profiles} directory lines, seed "${settings.seed}" (load average ${loadAverage.toFixed(1)})`,
  );
  const database = await startBenchDatabase(settings.poolSize);
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-bench-matching-'));
  let report: MatchingReport;
  try {
    const { dataSource } = database;
    const emailIndex = await emailIndexOf(dataSource);
    const prepared = await prepare(settings, dataSource, folder, startedAt);
    const { candidates, reference, loaded } = prepared;
    const imported = await measureImport(dataSource, database.clusterDir, prepared);

    const matcher = new BenchMatcher(dataSource);
    const org = loaded.organizationId;
    const ids = candidates.flatMap((c) => loaded.idByRemote.get(c.remoteId) ?? []);
    let afterImport: { run: RematchRun; matches: Map<string, ProductMatch> } | null = null;
    if (settings.afterImport) {
      const run = await matcher.afterImport(org, imported.outcome.changedProfileIds);
      afterImport = { run, matches: await readMatches(dataSource, org) };
      log(`rematch after import: ${run.seconds.toFixed(1)} s, ${run.changed} matches written`);
      await dataSource.query('DELETE FROM profile_matches WHERE organization_id = $1', [org]);
    }

    const memory = new MemorySampler(database.clusterDir);
    const cpu = new CpuMeter(database.clusterDir);
    memory.start();
    await cpu.start();
    const full = await matcher.fullRematch(org, ids);
    const rematchCpu = await cpu.stop();
    const rematchMemory = await memory.stop();
    const matches = await readMatches(dataSource, org);
    const fullScore = score(candidates, reference, matches);
    log(
      `full rematch: ${full.seconds.toFixed(1)} s, ${full.changed} matches written; precision ${percent(fullScore.correct, fullScore.matched)}, recall ${percent(fullScore.found, fullScore.matchable)}`,
    );
    const again = await matcher.fullRematch(org, ids);
    log(`full rematch again: ${again.seconds.toFixed(1)} s, ${again.changed} changed`);
    const plans = {
      directory: await explainDirectoryQuery(dataSource, org, loaded),
      affected: await explainAffectedQuery(dataSource, org, imported.outcome.changedProfileIds),
    };

    report = {
      settings,
      machine: machineLine(),
      cores: os.cpus().length,
      loadAverage,
      date: new Date().toISOString().slice(0, 10),
      emailIndex,
      world: prepared.world,
      candidatesLoad: { writeSeconds: loaded.writeSeconds, indexSeconds: loaded.indexSeconds },
      directoryFile: { bytes: prepared.file.bytes, seconds: prepared.file.seconds },
      import: imported,
      afterImport: afterImport && {
        run: afterImport.run,
        score: score(candidates, reference, afterImport.matches),
        sameAsFull: sameMatches(afterImport.matches, matches),
      },
      full: { run: full, score: fullScore, memory: rematchMemory, cpu: rematchCpu },
      again,
      plans,
      totalSeconds: (performance.now() - startedAt) / 1000,
    };
  } finally {
    await database.close();
    await fs.rm(folder, { recursive: true, force: true });
  }
  writeSection('matching', renderMatchingSection(report));
  log('\nwritten to BENCHMARKS.md (section "matching")');
}

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);
const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(2)} %`;

/**
 * Everything before the measured phases: the world generated, its candidates mirrored, its
 * directory written, the reference decided. Only what scoring needs is kept, so the measured
 * phases run with a small heap, as in production (the world's objects made every major GC of
 * the import and the rematch several times slower than the product alone).
 */
async function prepare(
  settings: MatchingBenchSettings,
  dataSource: DataSource,
  folder: string,
  startedAt: number,
) {
  const world = buildWorld(settings.seed, settings.candidates, settings.profiles);
  log(
    `world built in ${seconds(startedAt)} s: ${world.planned.length} profiles planned around the candidates, ${world.badLineCount} bad lines`,
  );
  const loaded = await loadCandidates(dataSource, world, log);
  const { related, ...file } = await writeDirectoryFile(
    world,
    path.join(folder, 'directory.jsonl'),
    log,
  );
  const reference = referenceDecisions(
    world.candidates.map((c) => ({ remoteId: c.remoteId, identity: c.view.identity })),
    related,
  );
  const candidates: LabelledCandidate[] = world.candidates.map(({ remoteId, scenario, truth }) => ({
    remoteId,
    scenario,
    truth,
  }));
  return {
    candidates,
    reference,
    loaded,
    file,
    layout: world.layout,
    world: {
      candidates: world.candidates.length,
      profiles: world.profileCount,
      planned: world.planned.length,
      namesakes: world.planned.filter((p) => p.role === 'namesake').length,
      badLines: world.badLineCount,
    },
  };
}

/** The import, timed, then its JavaScript half alone; the rejections checked against the plan. */
async function measureImport(
  dataSource: DataSource,
  clusterDir: string,
  prepared: Awaited<ReturnType<typeof prepare>>,
): Promise<MatchingReport['import']> {
  const { file, loaded, layout, world } = prepared;
  const limits = loadConfig(process.env).profiles;
  const memory = new MemorySampler(clusterDir);
  const cpu = new CpuMeter(clusterDir);
  memory.start();
  await cpu.start();
  const { outcome, seconds: took } = await importDirectory(
    dataSource,
    loaded.organizationId,
    file,
    limits,
  );
  const cpuSeconds = await cpu.stop();
  const peaks = await memory.stop();
  const { result } = outcome;
  log(
    `import: ${result.received} received, ${result.created} created, ${result.updated} updated, ${result.rejected.length} rejected in ${took.toFixed(1)} s (${Math.round(result.received / took)} lines/s)`,
  );
  // What autovacuum does shortly after a bulk load; the rematch plans assume it happened.
  await dataSource.query('VACUUM (ANALYZE) profiles');
  const parseSeconds = await parseDirectory(file, limits.maxLineBytes);
  log(`parse alone: ${parseSeconds.toFixed(1)} s`);
  const planted = result.rejected.every((r) => {
    const position = r.line - 1;
    return layout[position] === -2 && badLineKind(position).field === r.field;
  });
  return {
    outcome,
    seconds: took,
    parseSeconds,
    memory: peaks,
    cpu: cpuSeconds,
    expectedRejections: world.badLines,
    rejectionsAsPlanned: planted && result.rejected.length === world.badLines,
  };
}

/** Whether the migrated schema has an index on profiles.emails (runs before it had none). */
async function emailIndexOf(dataSource: DataSource): Promise<EmailIndex> {
  const existing = await dataSource.query<{ indexdef: string }[]>(
    "SELECT indexdef FROM pg_indexes WHERE tablename = 'profiles' AND indexdef ILIKE '%(emails)%'",
  );
  return existing.length > 0 ? 'schema' : 'none';
}

function sameMatches(a: Map<string, ProductMatch>, b: Map<string, ProductMatch>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, m] of a) {
    const other = b.get(id);
    if (other?.externalId !== m.externalId || other.rule !== m.rule) return false;
  }
  return true;
}
