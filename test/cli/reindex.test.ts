import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Candidate } from '../../src/entities';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { createTenant, sharedDataSource } from '../helpers/database';
import { ModelSeeder } from '../helpers/seed-model';
import { PROJECT_ROOT } from '../helpers/server-process';

function reindex(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'src/cli/reindex.ts', ...args],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'warn' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run reindex', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await sharedDataSource();
  });
  afterAll(() => dataSource?.destroy());

  it("rebuilds one organization's documents from the model, dropping what is gone", async () => {
    const tenant = await createTenant(dataSource, 'reindex');
    const seed = new ModelSeeder(dataSource, tenant.organization.id);
    const connection = await seed.connection();
    const kept = await seed.candidate(connection.id, {
      fullName: 'Ada Lovelace',
      currentTitle: 'Analyst',
    });
    const gone = await seed.candidate(connection.id, { fullName: 'Charles Babbage' });
    const engine = new PostgresSearchEngine(dataSource);
    expect(await engine.count(tenant.organization.id)).toBe(0);

    const first = await reindex(['--org', tenant.organization.name]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/2 candidates reindexed/);
    expect(await engine.count(tenant.organization.id)).toBe(2);

    await dataSource.getRepository(Candidate).update({ id: gone.id }, { deletedAt: new Date() });
    const second = await reindex(['--org', tenant.organization.id]);
    expect(second.code).toBe(0);
    expect(await engine.count(tenant.organization.id)).toBe(1);
    const found = await engine.lookup({
      organizationId: tenant.organization.id,
      profiles: [{ name: 'ada lovelace', title: 'ANALYST' }],
    });
    expect(found[0]?.map((m) => m.candidateId)).toEqual([kept.id]);
  });

  it('names an unknown organization', async () => {
    const result = await reindex(['--org', 'no such organization']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no organization named or with id "no such organization"');
  });
});
