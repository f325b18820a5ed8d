/**
 * A child process for restart tests: starts the embedded PostgreSQL in DATA_DIR (argv[2]),
 * prints one JSON line `{ url, clusterDir, busyPid }`, then keeps one backend busy in a loop that
 * never checks for its postmaster for BUSY_SECONDS (argv[3]), as a long query does. Kill it.
 */
import { Client } from 'pg';
import { createLogger } from '../../src/common/logger';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, busySeconds = '0'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: embedded-postgres-holder DATA_DIR [BUSY_SECONDS]');
  const pg = await EmbeddedPostgres.start({
    dataDir,
    port: 0,
    durable: false,
    logger: createLogger('warn'),
  });
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const busy = client.query(
    `DO $$ BEGIN
       WHILE clock_timestamp() < now() + interval '${Number(busySeconds)} seconds' LOOP END LOOP;
     END $$`,
  );
  process.stdout.write(
    `${JSON.stringify({ url: pg.url, clusterDir: pg.clusterDir, busyPid: rows[0]!.pid })}\n`,
  );
  await busy;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
