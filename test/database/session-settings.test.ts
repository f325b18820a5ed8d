import { afterAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { sharedBuffersMb } from '../../src/database/embedded-postgres';
import { createEmptyDatabase } from '../helpers/database';

describe('database settings', () => {
  let dataSource: DataSource | undefined;
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  it('every session of the app plans with the search settings', async () => {
    dataSource = createDataSource({ url: await createEmptyDatabase(), poolSize: 3 });
    await dataSource.initialize();
    // Several sessions at once, so more than the pool's first connection is asked.
    const answers = await Promise.all(
      Array.from({ length: 3 }, () =>
        dataSource!.query<{ work_mem: string; random_page_cost: string }[]>(
          "SELECT current_setting('work_mem') AS work_mem, current_setting('random_page_cost') AS random_page_cost, pg_sleep(0.05)",
        ),
      ),
    );
    for (const [row] of answers)
      expect(row).toMatchObject({ work_mem: '32MB', random_page_cost: '1.1' });
  });

  it('gives the embedded cache an eighth of the memory, from 256 MB to 1 GB', () => {
    const GiB = 2 ** 30;
    expect(sharedBuffersMb(1 * GiB)).toBe(256);
    expect(sharedBuffersMb(4 * GiB)).toBe(512);
    expect(sharedBuffersMb(24 * GiB)).toBe(1024);
  });
});
