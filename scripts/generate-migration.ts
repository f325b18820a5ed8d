/**
 * Writes a migration for whatever the entities declare that the migrations do not yet create.
 * Usage: npm run migration:generate -- AddSomething
 * It runs the existing migrations on a throwaway embedded PostgreSQL, diffs that against the
 * entities (the same check the drift test makes) and writes the difference as a new file.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/common/logger';
import { createDataSource, runMigrations } from '../src/database/data-source';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Give the migration a PascalCase name: npm run migration:generate -- AddThing');
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-migration-'));
  await fs.chmod(dataDir, 0o755);
  const pg = await EmbeddedPostgres.start({
    dataDir,
    port: 0,
    durable: false,
    logger: createLogger('warn'),
  });
  const dataSource = createDataSource({ url: pg.url, poolSize: 2 });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const diff = await dataSource.driver.createSchemaBuilder().log();
    if (diff.upQueries.length === 0) {
      console.log('Entities and migrations agree: nothing to generate.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const q = (query: { query: string; parameters?: unknown[] }): string =>
      `    await queryRunner.query(${JSON.stringify(query.query)}${
        query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''
      });`;
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${diff.upQueries.map(q).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...diff.downQueries].reverse().map(q).join('\n')}
  }
}
`;
    const file = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
    const migrationsDir = path.resolve(__dirname, '..', 'migrations');
    await fs.writeFile(path.join(migrationsDir, `${file}.ts`), source);
    const indexPath = path.join(migrationsDir, 'index.ts');
    const index = await fs.readFile(indexPath, 'utf8');
    // New imports go after the last one, so the list stays oldest-first.
    const lines = index.split('\n');
    const lastImport = lines.reduce((last, line, i) => (line.startsWith('import ') ? i : last), -1);
    lines.splice(lastImport + 1, 0, `import { ${className} } from './${file}';`);
    const withImport = lines.join('\n');
    const updated = withImport.replace(/\[([^\]]*)\];/, (_m, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return `[${[...items, className].join(', ')}];`;
    });
    await fs.writeFile(indexPath, updated);
    execFileSync('npx', ['prettier', '--write', path.join(migrationsDir, `${file}.ts`), indexPath]);
    console.log(`Wrote migrations/${file}.ts (${diff.upQueries.length} statements).`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await pg.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
