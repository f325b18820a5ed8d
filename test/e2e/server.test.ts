import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_UNAUTHORIZED } from '../../src/server/websocket';
import { startTestApp } from '../helpers/app';
import { createEmptyDatabase } from '../helpers/database';
import { graphql } from '../helpers/graphql';

describe('the server over HTTP and WebSocket', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp(await createEmptyDatabase());
    const line = app.printed.find((l) => l.startsWith('API key: '));
    key = line!.slice('API key: '.length);
  });
  afterAll(() => app?.stop());

  it('prints exactly one API key line on the first start of an empty database', () => {
    expect(app.printed).toHaveLength(1);
    expect(app.printed[0]).toMatch(/^API key: rdk_[A-Za-z0-9_-]{43}$/);
  });

  it('answers UNAUTHENTICATED (HTTP 401) without a key or with a bad one', async () => {
    for (const badKey of [undefined, 'rdk_not-a-real-key', 'garbage']) {
      const res = await graphql(
        app.http.url,
        '{ me { user { email } } }',
        badKey ? { key: badKey } : {},
      );
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(res.body.data ?? null).toBeNull();
    }
  });

  it('answers `me` with the printed key', async () => {
    const res = await graphql<{ me: { organization: { name: string }; user: { email: string } } }>(
      app.http.url,
      '{ me { organization { name } user { email } } }',
      { key },
    );
    expect(res.status).toBe(200);
    expect(res.body.data?.me).toEqual({
      organization: { name: 'My Organization' },
      user: { email: 'admin@localhost.localdomain' },
    });
  });

  it('lists no connections on a new organization', async () => {
    const res = await graphql(app.http.url, '{ connections { id name } }', { key });
    expect(res.body).toEqual({ data: { connections: [] } });
  });

  it('rejects a malformed id as BAD_USER_INPUT naming the field, not a database error', async () => {
    const res = await graphql(app.http.url, '{ connection(id: "1; DROP TABLE x") { id } }', {
      key,
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('answers NOT_FOUND for an unknown connection', async () => {
    const res = await graphql(
      app.http.url,
      '{ connection(id: "7f000000-0000-4000-8000-000000000000") { id } }',
      {
        key,
      },
    );
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('turns a body that is not JSON into a clear 400, not a stack trace', async () => {
    const response = await fetch(`${app.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    const health = await fetch(`${app.http.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${app.http.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    await graphql(app.http.url, 'query WhoAmI { me { user { email } } }', { key });
    const metrics = await (await fetch(`${app.http.url}/metrics`)).text();
    expect(metrics).toMatch(
      /graphql_operations_total\{type="query",name="WhoAmI",outcome="ok"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /graphql_operation_duration_seconds_count\{type="query",name="WhoAmI"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /http_requests_total\{method="POST",route="\/graphql",status="200"\} [1-9]/,
    );
    expect(metrics).toMatch(/http_request_duration_seconds_bucket/);
  });

  it('serves GraphiQL from its own assets, with no external URL', async () => {
    const page = await fetch(`${app.http.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      const res = await fetch(`${app.http.url}${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
    }
    // Subscriptions in the IDE go over graphql-ws on the same path.
    expect(html).toContain('graphqlWs.createClient');
  });

  it('closes a WebSocket with a bad key with code 4401', async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(
        `${app.http.url.replace('http', 'ws')}/graphql`,
        'graphql-transport-ws',
      );
      socket.on('open', () =>
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: 'Bearer rdk_wrong' },
          }),
        ),
      );
      socket.on('close', (closeCode) => resolve(closeCode));
    });
    expect(code).toBe(WS_UNAUTHORIZED);
  });

  it('completes the graphql-ws handshake with a good key and runs an operation', async () => {
    const acked = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const socket = new WebSocket(
        `${app.http.url.replace('http', 'ws')}/graphql`,
        'graphql-transport-ws',
      );
      socket.on('open', () =>
        socket.send(
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }),
        ),
      );
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as Record<string, unknown>;
        socket.close();
        resolve(message);
      });
      socket.on('error', reject);
    });
    expect(acked).toEqual({ type: 'connection_ack' });

    const client = createClient({
      url: `${app.http.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: '{ me { user { email } } }' },
          { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result).toEqual({ data: { me: { user: { email: 'admin@localhost.localdomain' } } } });
    } finally {
      await client.dispose();
    }
  });
});

describe('query limits from config', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp(await createEmptyDatabase(), {
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_TOKENS: '60',
    });
    key = app.printed[0]!.slice('API key: '.length);
  });
  afterAll(() => app?.stop());

  it('accepts a query within every limit', async () => {
    const res = await graphql(app.http.url, '{ me { user { email } } }', { key });
    expect(res.body.errors).toBeUndefined();
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH', async () => {
    const res = await graphql(
      app.http.url,
      '{ connections { settings { fieldMapping { source } } } }',
      {
        key,
      },
    );
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]?.message).toMatch(/depth/i);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES', async () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: connections { id }`).join(' ');
    const res = await graphql(app.http.url, `{ ${aliases} }`, { key });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a document with more tokens than GRAPHQL_MAX_TOKENS', async () => {
    const fields = Array.from({ length: 80 }, () => 'id').join(' ');
    const res = await graphql(app.http.url, `{ connections { ${fields} } }`, { key });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]?.message).toMatch(/token/i);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('applies the same limits over WebSocket', async () => {
    const client = createClient({
      url: `${app.http.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
    });
    try {
      const run = (query: string) =>
        new Promise<unknown>((resolve) => {
          client.subscribe(
            { query },
            { next: () => resolve('ok'), error: resolve, complete: () => undefined },
          );
        });
      const deep = (await run('{ connections { settings { fieldMapping { source } } } }')) as {
        message: string;
      }[];
      expect(deep[0]?.message).toMatch(/depth/i);
      const fields = Array.from({ length: 80 }, () => 'id').join(' ');
      const long = (await run(`{ connections { ${fields} } }`)) as { message: string }[];
      expect(long[0]?.message).toMatch(/token/i);
      expect(await run('{ me { user { email } } }')).toBe('ok');
    } finally {
      await client.dispose();
    }
  });
});

describe('production mode', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp(await createEmptyDatabase(), {
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(32).toString('hex'),
    });
    key = app.printed[0]!.slice('API key: '.length);
  });
  afterAll(() => app?.stop());

  it('suggests no field names and refuses introspection', async () => {
    const typo = await graphql(app.http.url, '{ me { organization { nam } } }', { key });
    expect(typo.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    const introspection = await graphql(app.http.url, '{ __schema { types { name } } }', { key });
    expect(introspection.body.data ?? null).toBeNull();
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
