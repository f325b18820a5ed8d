import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAshbySimulator, type AshbySimulator } from './index';

/** The one big test: a connector-sized full sync through real HTTP. */
describe('simulator at scale', () => {
  let sim: AshbySimulator;

  beforeAll(async () => {
    sim = await startAshbySimulator({ seed: 'scale', candidates: 5000, rateLimit: false });
  });
  afterAll(() => sim.close());

  it('pages 5,000 candidates exactly, with a request rate the log can report', async () => {
    const started = Date.now();
    const ids: string[] = [];
    let cursor: string | undefined;
    let syncToken: string | undefined;
    do {
      const response = await fetch(`${sim.url}/candidate.list`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sim.credentials.apiKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(cursor ? { cursor } : {}),
      });
      const page = (await response.json()) as {
        results: Array<{ id: string }>;
        nextCursor?: string;
        syncToken?: string;
      };
      ids.push(...page.results.map((c) => c.id));
      cursor = page.nextCursor;
      syncToken = page.syncToken;
    } while (cursor);

    expect(ids).toHaveLength(5000);
    expect(new Set(ids).size).toBe(5000);
    expect(ids).toEqual([...sim.ids.all('candidate').values()]);
    expect(syncToken).toBeDefined();
    expect(sim.requestLog.entries).toHaveLength(50);
    expect(sim.requestLog.rate({ since: started })).toBeGreaterThan(0);
    console.log(`5,000 candidates in 50 pages: ${Date.now() - started} ms`);
  });
});
