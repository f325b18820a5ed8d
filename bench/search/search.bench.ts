/**
 * `npm run bench -- search`: N generated candidates into our search engine(s), the normalized
 * tables (naive SQL baseline) and Orama; indexing rates, latency of the query mix at 1 and 8
 * clients, peak memory; written to BENCHMARKS.md (section `search`). See bench-settings.ts for
 * the environment variables (SEARCH_BENCH_N, CI, ELASTICSEARCH_URL, ...).
 */
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { machineLine, writeSection } from '../report';
import {
  ENGINE_TABLES,
  NORMALIZED_TABLES,
  startBenchDatabase,
  storageSizes,
  vacuumAnalyze,
  type BenchDatabase,
} from './bench-database';
import { readSearchBenchSettings, type SearchBenchSettings } from './bench-settings';
import { benchDocument, benchReference } from './documents';
import { startBenchElasticsearch, type BenchElasticsearch } from './elasticsearch-target';
import { EnginePeer } from './engine-peer';
import { indexAll, rate, type IndexTarget } from './indexing';
import { measurePeer, type LatencyCell } from './measure-peer';
import { MemorySampler } from './memory';
import { NaiveSqlPeer } from './naive-sql-peer';
import { NormalizedLoader } from './normalized-loader';
import { runOramaPeer } from './orama-runner';
import { buildQueryMix } from './query-mix';
import type { QueryPeer } from './query-peer';
import { renderSearchSection, type SearchBenchReport } from './search-report';

const log = (line: string): void => console.log(line);

type InProcessFigures = Omit<SearchBenchReport, 'orama' | 'command' | 'machine' | 'date'>;

export async function runSearchBench(): Promise<void> {
  const settings = readSearchBenchSettings();
  log(
    `search bench: N=${settings.n}, batches of ${settings.batchSize} × ${settings.indexConcurrency}, ` +
      `iterations ${settings.iterations[1]}/${settings.iterations[8]}, ≤${settings.cellSeconds} s per cell` +
      `${settings.elasticsearchUrl ? ', with Elasticsearch' : ''}`,
  );
  const database = await startBenchDatabase(settings.poolSize);
  let elasticsearch: BenchElasticsearch | null = null;
  let figures: InProcessFigures;
  try {
    elasticsearch = settings.elasticsearchUrl
      ? await startBenchElasticsearch(settings.elasticsearchUrl)
      : null;
    figures = await measureInProcess(settings, database, elasticsearch);
  } finally {
    await elasticsearch?.dispose();
    await database.close();
  }
  // Orama last, with PostgreSQL stopped: it needs the memory.
  const orama = settings.orama ? await measureOrama(settings) : null;

  const report: SearchBenchReport = {
    ...figures,
    cells: [...figures.cells, ...(orama?.cells ?? [])],
    orama: orama?.figures ?? null,
    command: commandLine(settings),
    machine: machineLine(),
    date: new Date().toISOString().slice(0, 10),
  };
  // SEARCH_BENCH_SECTION keeps a run of another size beside the record instead of replacing it.
  const section = process.env['SEARCH_BENCH_SECTION'] ?? 'search';
  writeSection(section, renderSearchSection(report));
  log(`\nwritten to BENCHMARKS.md (section "${section}")`);
}

/** The Orama peer, in its own process (orama-child.ts). */
async function measureOrama(
  settings: SearchBenchSettings,
): Promise<{ figures: NonNullable<SearchBenchReport['orama']>; cells: LatencyCell[] }> {
  log(`Orama: own process, ${settings.oramaHeapMb} MiB heap`);
  const result = await runOramaPeer(
    {
      n: settings.n,
      seed: settings.seed,
      organizationId: settings.organizationId,
      connectionId: settings.connectionId,
      batchSize: settings.batchSize,
      heapFraction: settings.oramaHeapFraction,
      iterations: settings.iterations,
      warmup: settings.warmup,
      cellSeconds: settings.cellSeconds,
      kinds: settings.kinds,
    },
    settings.oramaHeapMb,
  );
  return {
    figures: {
      indexed: result.indexed,
      stoppedByHeap: result.stoppedByHeap,
      insertRate: rate(result.indexed, result.insertMs),
      insertSeconds: result.insertMs / 1000,
      heapUsedBytes: result.heapUsedBytes,
      heapLimitBytes: result.heapLimitBytes,
      peakRssBytes: result.peakRssBytes,
    },
    cells: result.cells,
  };
}

/** Everything that runs against the bench's PostgreSQL (and Elasticsearch when given). */
async function measureInProcess(
  settings: SearchBenchSettings,
  database: BenchDatabase,
  elasticsearch: BenchElasticsearch | null,
): Promise<InProcessFigures> {
  const { dataSource } = database;
  const reference = benchReference(settings.seed);
  const now = new Date(reference.now);
  const engine = new PostgresSearchEngine(dataSource);
  await engine.init();
  const targets: IndexTarget[] = [
    { name: engine.name, load: (batch) => engine.index(batch.map((c) => c.document)) },
  ];
  if (elasticsearch) {
    const es = elasticsearch.engine;
    // As a full sync or a reindex writes: bulk, searchable at the next refresh (IndexOptions).
    targets.push({
      name: es.name,
      load: (batch) =>
        es.index(
          batch.map((c) => c.document),
          { bulk: true },
        ),
    });
  }
  if (settings.naive) {
    const loader = new NormalizedLoader(dataSource, settings);
    await loader.init(reference);
    targets.push({ name: 'normalized tables (naive SQL)', load: (batch) => loader.insert(batch) });
  }

  const memory = new MemorySampler(database.clusterDir);
  memory.start();
  const indexing = await indexAll(reference, targets, {
    ...settings,
    concurrency: settings.indexConcurrency,
    log,
  });
  const indexingMemory = await memory.stop();
  await elasticsearch?.refresh();
  const vacuumStarted = performance.now();
  await vacuumAnalyze(dataSource, [...ENGINE_TABLES, ...(settings.naive ? NORMALIZED_TABLES : [])]);
  // Flush what the load and VACUUM dirtied now: otherwise the checkpointer writes gigabytes
  // spread over the following minutes, inside the query cells.
  await dataSource.query('CHECKPOINT');
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  const storage = await storageSizes(dataSource);
  log(
    `VACUUM (ANALYZE) and CHECKPOINT ${vacuumSeconds.toFixed(1)} s; database ${(storage.databaseBytes / 2 ** 30).toFixed(2)} GiB`,
  );

  // The memory facet index loads in the background on first use; measure the steady state.
  const warmStarted = performance.now();
  const facetMemory = await engine.warmFacets(settings.organizationId);
  if (facetMemory) {
    log(
      `memory facet index: loaded in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s, ${facetMemory.candidates} candidates, ${Math.round(facetMemory.bytes / Math.max(1, facetMemory.candidates))} bytes/candidate`,
    );
  }

  const mix = buildQueryMix({
    seed: settings.seed,
    documentCount: settings.n,
    documentAt: (i) =>
      benchDocument(settings.seed, i, reference, settings.organizationId, settings.connectionId),
  });
  const peers: QueryPeer[] = [new EnginePeer(engine, settings.organizationId, now)];
  if (elasticsearch) peers.push(new EnginePeer(elasticsearch.engine, settings.organizationId, now));
  if (settings.naive) peers.push(new NaiveSqlPeer(dataSource, settings.organizationId, now));
  memory.start();
  const cells: LatencyCell[] = [];
  for (const peer of peers) cells.push(...(await measurePeer(peer, mix, { ...settings, log })));
  const queryMemory = await memory.stop();

  return {
    n: settings.n,
    batchSize: settings.batchSize,
    indexConcurrency: settings.indexConcurrency,
    poolSize: settings.poolSize,
    cellSeconds: settings.cellSeconds,
    generationRate: rate(indexing.documents, indexing.generationMs),
    indexing: indexing.targets.map((t) => ({
      name: t.name,
      rate: rate(indexing.documents, t.ms),
      seconds: t.ms / 1000,
    })),
    vacuumSeconds,
    cells,
    memory: { indexing: indexingMemory, queries: queryMemory },
    storage,
  };
}

/** The command that reproduces the run, with the variables that changed its size. */
function commandLine(settings: SearchBenchSettings): string {
  const env = Object.entries(process.env)
    .filter(
      ([key]) => key.startsWith('SEARCH_BENCH_') || key === 'CI' || key === 'SEARCH_NODE_HEAP',
    )
    .map(([key, value]) => `${key}=${value}`);
  // The node comes from scripts/search-node.sh run, which sets ELASTICSEARCH_URL.
  if (settings.elasticsearchUrl)
    return [...env, 'bash scripts/search-node.sh run npm run bench -- search'].join(' ');
  return [...env, 'npm run bench -- search'].join(' ');
}
