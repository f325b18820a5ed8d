import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/common/logger';
import { Connection, Organization } from '../../src/entities';
import { Indexer } from '../../src/indexer/indexer';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { RecordWriter } from '../../src/sync/record-writer';
import type { World, WorldCandidate } from './world';

/** The organization the world lives in, and its candidates' database ids by remote id. */
export interface LoadedCandidates {
  organizationId: string;
  /** Candidate id → remote id, and back. */
  idByRemote: Map<string, string>;
  remoteById: Map<string, string>;
  writeSeconds: number;
  indexSeconds: number;
}

const WRITE_BATCH = 1000;
const INDEX_CHUNK = 5000;

/**
 * Mirrors the world's candidates as a sync would: through the sync's RecordWriter (so URLs and
 * e-mails are normalized as in production), resume text on their attachments as the sync's
 * attachment phase leaves it, then indexed by the real Indexer (the matcher finds namesake
 * candidates in the search tables).
 */
export async function loadCandidates(
  dataSource: DataSource,
  world: World,
  log: (line: string) => void,
): Promise<LoadedCandidates> {
  const organization = await dataSource
    .getRepository(Organization)
    .save({ name: `matching-bench-${world.seed}` });
  const organizationId = organization.id;
  const connections = await dataSource.getRepository(Connection).save(
    (['ASHBY', 'GREENHOUSE'] as const).map((provider) => ({
      organizationId,
      provider,
      name: `${provider} (matching bench)`,
      capabilities: ['REDISCOVERY' as const],
      credentialsCiphertext: 'unused',
      credentialsKeyId: 'unused',
    })),
  );

  const writeStarted = performance.now();
  for (const [index, connection] of connections.entries()) {
    const mine = world.candidates.filter((c) => c.connection === index);
    for (let i = 0; i < mine.length; i += WRITE_BATCH) {
      const batch = mine.slice(i, i + WRITE_BATCH);
      await dataSource.transaction(async (tx) => {
        const writer = new RecordWriter(tx, {
          organizationId,
          connectionId: connection.id,
          fullRunId: null,
        });
        await writer.write(batch.map((c) => ({ kind: 'candidate', record: c.view.record })));
      });
      await storeResumes(dataSource, organizationId, connection.id, batch);
    }
  }
  const rows = await dataSource.query<{ id: string; remote_id: string }[]>(
    'SELECT id, remote_id FROM candidates WHERE organization_id = $1',
    [organizationId],
  );
  const idByRemote = new Map(rows.map((r) => [r.remote_id, r.id]));
  const remoteById = new Map(rows.map((r) => [r.id, r.remote_id]));
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  log(`candidates written in ${writeSeconds.toFixed(1)} s (${rows.length})`);

  const engine = new PostgresSearchEngine(dataSource, { memoryFacets: 'never' });
  await engine.init();
  const indexer = new Indexer(dataSource, engine, createLogger('warn'));
  const ids = [...idByRemote.values()];
  const indexStarted = performance.now();
  for (let i = 0; i < ids.length; i += INDEX_CHUNK) {
    await indexer.indexCandidates(organizationId, ids.slice(i, i + INDEX_CHUNK), { bulk: true });
    if ((i / INDEX_CHUNK) % 5 === 4) log(`  indexed ${i + INDEX_CHUNK} of ${ids.length}`);
  }
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  log(`candidates indexed in ${indexSeconds.toFixed(1)} s`);
  await dataSource.query('VACUUM (ANALYZE) candidates');
  await dataSource.query('VACUUM (ANALYZE) search_candidates');
  return { organizationId, idByRemote, remoteById, writeSeconds, indexSeconds };
}

/** The text the sync's attachment phase extracts from each resume, stored in one statement. */
async function storeResumes(
  dataSource: DataSource,
  organizationId: string,
  connectionId: string,
  batch: readonly WorldCandidate[],
): Promise<void> {
  const texts = batch.flatMap((c) =>
    c.view.resume === null ? [] : [{ remote_id: `${c.remoteId}-resume`, text: c.view.resume }],
  );
  if (texts.length === 0) return;
  await dataSource.query(
    `UPDATE attachments a SET extracted_text = x.text
     FROM jsonb_to_recordset($3::jsonb) AS x(remote_id varchar, text text)
     WHERE a.organization_id = $1 AND a.connection_id = $2 AND a.remote_id = x.remote_id`,
    [organizationId, connectionId, JSON.stringify(texts)],
  );
}
