import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app';
import { createEmptyDatabase } from '../helpers/database';

const FLOOD = 2_000;
const MAX_NAMES = 100;

describe('/metrics under a flood of operation names', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  const token = randomBytes(24).toString('hex');

  const scrape = (authorization?: string): Promise<Response> =>
    fetch(`${app.http.url}/metrics`, {
      headers: authorization ? { authorization } : {},
    });
  /** Distinct `name` labels of graphql_operations_total in a scrape. */
  const operationNames = (text: string): Set<string> =>
    new Set(
      [...text.matchAll(/^graphql_operations_total\{[^}]*name="([^"]*)"/gm)].map((m) => m[1]!),
    );

  beforeAll(async () => {
    app = await startTestApp(await createEmptyDatabase(), { METRICS_TOKEN: token });
    key = app.printed.find((l) => l.startsWith('API key: '))!.slice('API key: '.length);
  });
  afterAll(() => app?.stop());

  it(`keeps at most ${MAX_NAMES} operation names (others as "other") after ${FLOOD} distinct ones`, async () => {
    const send = async (i: number): Promise<void> => {
      const operationName = `Flood${i}_${randomBytes(4).toString('hex')}`;
      const res = await fetch(`${app.http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: `query ${operationName} { __typename }`, operationName }),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    };
    for (let i = 0; i < FLOOD; i += 50)
      await Promise.all(Array.from({ length: 50 }, (_, j) => send(i + j)));

    const res = await scrape(`Bearer ${token}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const names = operationNames(text);
    expect(names.size).toBeLessThanOrEqual(MAX_NAMES + 2);
    expect(names).toContain('other');
    // Every operation is still counted, the overflow under "other".
    const counted = [...text.matchAll(/^graphql_operations_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
    expect(counted).toBeGreaterThanOrEqual(FLOOD);
    // 2,000 names took ~4 MB before; bounded, the whole scrape stays small.
    expect(Buffer.byteLength(text)).toBeLessThan(400_000);
  });

  it('answers 401 without the METRICS_TOKEN bearer, or with another one', async () => {
    for (const authorization of [undefined, `Bearer ${key}`, `Bearer ${token}x`, token]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('graphql_operations_total');
    }
    expect((await scrape(`Bearer ${token}`)).status).toBe(200);
  });
});
