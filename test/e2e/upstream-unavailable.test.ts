import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app';
import { createEmptyDatabase } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { TcpProxy } from '../helpers/tcp-proxy';

describe('when PostgreSQL becomes unreachable', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let proxy: TcpProxy;
  let key: string;

  beforeAll(async () => {
    const direct = new URL(await createEmptyDatabase());
    proxy = new TcpProxy(direct.hostname, Number(direct.port));
    const port = await proxy.start();
    direct.port = String(port);
    app = await startTestApp(direct.toString());
    key = app.printed[0]!.slice('API key: '.length);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers UPSTREAM_UNAVAILABLE (never a 500 or a driver message), then recovers', async () => {
    const query = '{ searchCandidates(query: "python") { totalCount } }';
    expect((await graphql(app.http.url, query, { key })).body).toEqual({
      data: { searchCandidates: { totalCount: 0 } },
    });

    const port = proxy.port;
    await proxy.stop();
    const down = await graphql(app.http.url, query, { key });
    expect(down.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|terminated|127\.0\.0\.1/);
    expect((await fetch(`${app.http.url}/readyz`)).status).toBe(503);

    await proxy.start(port);
    let recovered = false;
    for (let i = 0; i < 20 && !recovered; i++) {
      recovered = (await graphql(app.http.url, query, { key })).body.data !== undefined;
      if (!recovered) await new Promise((r) => setTimeout(r, 100));
    }
    expect(recovered).toBe(true);
  });
});
