import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { startTestApp } from '../helpers/app';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { startSourceWhaleSimulator } from '../simulators/sourcewhale/sourcewhale-simulator';
import { VENDORS } from '../sync/vendors';
import type { SimulatorHandle } from '../simulators/common/harness-types';

/** A host a caller controls: it records what arrives and refuses it with a tell-tale body. */
interface Trap {
  url: string;
  requests: { url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

const TRAP_BODY = 'trap-internal-detail-7c1e';

async function startTrap(): Promise<Trap> {
  const requests: Trap['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: TRAP_BODY, message: TRAP_BODY }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const CREATE = `mutation ($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateConnectionInput!) {
  updateConnection(id: $id, input: $input) { id baseUrl }
}`;

describe('connection addresses and stored credentials', () => {
  let dataSource: DataSource;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let strictApp: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let trap: Trap;
  const sims: SimulatorHandle<string | number, unknown>[] = [];

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startTestApp(inject('databaseUrl'));
    strictApp = await startTestApp(inject('databaseUrl'), {
      OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'false',
    });
    key = (await createTenant(dataSource, 'guard')).key;
    trap = await startTrap();
  });
  afterAll(async () => {
    await app?.stop();
    await strictApp?.stop();
    await trap?.close();
    for (const sim of sims) await sim.close();
    await dataSource?.destroy();
  });

  const destinations = [
    ...VENDORS.map((vendor) => ({
      provider: vendor.provider,
      capabilities: ['CONNECT'],
      start: () => vendor.start({ candidates: 3, rateLimit: false }),
      credentials: (sim: SimulatorHandle<string | number, unknown>) =>
        vendor.credentials(sim, 'webhook-secret-0123456789'),
    })),
    {
      provider: 'SOURCEWHALE' as const,
      capabilities: ['EXPORT'],
      start: () => startSourceWhaleSimulator({}),
      credentials: (sim: SimulatorHandle<string | number, unknown>) => ({
        apiKey: (sim as unknown as { credentials: { apiKey: string } }).credentials.apiKey,
      }),
    },
  ];

  for (const destination of destinations) {
    it(`${destination.provider}: a new baseUrl never receives the stored credentials`, async () => {
      const sim = await destination.start();
      sims.push(sim as SimulatorHandle<string | number, unknown>);
      const credentials = destination.credentials(sim as SimulatorHandle<string | number, unknown>);
      const created = await graphql<{ createConnection: { id: string } }>(app.http.url, CREATE, {
        key,
        variables: {
          input: {
            provider: destination.provider,
            name: `${destination.provider} guarded`,
            credentials,
            capabilities: destination.capabilities,
            baseUrl: sim.url,
          },
        },
      });
      expect(created.body.errors).toBeUndefined();
      const id = created.body.data!.createConnection.id;
      trap.requests.length = 0;

      // Only the address: refused before any call, naming the credentials.
      const moved = await graphql(app.http.url, UPDATE, {
        key,
        variables: { id, input: { baseUrl: trap.url } },
      });
      expect(moved.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.credentials',
      });
      expect(trap.requests).toHaveLength(0);

      // With credentials for the new address: only those are sent, and the refusal echoes
      // nothing of the remote answer.
      const given = Object.fromEntries(
        Object.keys(credentials).map((name) =>
          name === 'userId' ? [name, '424242'] : [name, `other-${name}-given-for-trap`],
        ),
      );
      const withCredentials = await graphql(app.http.url, UPDATE, {
        key,
        variables: { id, input: { baseUrl: trap.url, credentials: given } },
      });
      const error = withCredentials.body.errors?.[0];
      expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(withCredentials.body)).not.toContain(TRAP_BODY);
      expect(trap.requests.length).toBeGreaterThan(0);
      const seen = JSON.stringify(trap.requests);
      for (const secret of Object.values(credentials).filter((v) => v.length >= 8)) {
        expect(seen).not.toContain(secret);
        expect(seen).not.toContain(Buffer.from(`${secret}:`).toString('base64'));
      }
      // The connection still points where it did.
      const after = await graphql<{ connection: { baseUrl: string } }>(
        app.http.url,
        `
          query ($id: ID!) {
            connection(id: $id) {
              baseUrl
            }
          }
        `,
        { key, variables: { id } },
      );
      expect(after.body.data!.connection.baseUrl).toBe(sim.url);
    });
  }

  it.each([
    ['a loopback http address', () => trap.url],
    ['a loopback https address', () => trap.url.replace('http:', 'https:')],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest'],
    ['a private network address', () => 'https://10.0.0.7'],
    ['localhost by name', () => 'https://localhost:9443'],
  ])(
    'refuses %s as baseUrl unless private networks are allowed, before any call',
    async (_, address) => {
      trap.requests.length = 0;
      const res = await graphql(strictApp.http.url, CREATE, {
        key,
        variables: {
          input: {
            provider: 'ASHBY',
            name: 'Into the intranet',
            credentials: { apiKey: 'some-key-0123456789', webhookSecret: 'x'.repeat(16) },
            capabilities: ['CONNECT'],
            baseUrl: address(),
          },
        },
      });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.baseUrl',
      });
      expect(trap.requests).toHaveLength(0);
    },
  );
});
