import { ElasticsearchSearchEngine } from '../../src/search/elasticsearch/elasticsearch-engine';

/**
 * One process starting the Elasticsearch engine, as each api or worker process does at startup:
 * init() on ES_NODE with ES_PREFIX, then prints how long it took. Spawned twice at once by
 * elasticsearch-engine.test.ts.
 */
async function main(): Promise<void> {
  const engine = new ElasticsearchSearchEngine({
    node: process.env['ES_NODE'] ?? '',
    indexPrefix: process.env['ES_PREFIX'] ?? '',
    migration: { batchSize: 500, pollMs: 50, waitMs: 60_000 },
  });
  // Both processes are spawned together; start init() at the same wall-clock moment.
  const at = Number(process.env['START_AT'] ?? 0);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const started = Date.now();
  try {
    await engine.init();
    process.stdout.write(`${JSON.stringify({ ok: true, ms: Date.now() - started })}\n`);
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
