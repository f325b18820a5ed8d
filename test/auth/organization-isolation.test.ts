import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Connection } from '../../src/entities';
import { startTestApp } from '../helpers/app';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { OrgScope } from '../../src/database/org-scope';

async function addConnection(
  dataSource: DataSource,
  organizationId: string,
  name: string,
): Promise<Connection> {
  return dataSource.getRepository(Connection).save({
    organizationId,
    provider: 'ASHBY',
    name,
    capabilities: ['REDISCOVERY'],
    credentialsCiphertext: 'sealed',
    credentialsKeyId: 'test',
    baseUrl: null,
    settings: {},
    syncIntervalMinutes: 60,
    status: 'ACTIVE',
    statusMessage: null,
    missingPermissions: [],
    syncState: {},
    lastSyncedAt: null,
  });
}

describe('organization isolation', () => {
  let dataSource: DataSource;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startTestApp(inject('databaseUrl'));
  });
  afterAll(async () => {
    await app?.stop();
    await dataSource?.destroy();
  });

  it('one organization never sees, or reaches by id, what belongs to another', async () => {
    const acme = await createTenant(dataSource, 'acme');
    const globex = await createTenant(dataSource, 'globex');
    const acmeConnection = await addConnection(dataSource, acme.organization.id, 'Acme Ashby');
    const globexConnection = await addConnection(
      dataSource,
      globex.organization.id,
      'Globex Ashby',
    );

    const acmeView = await graphql<{
      me: { organization: { name: string } };
      connections: { name: string }[];
    }>(app.http.url, '{ me { organization { name } } connections { name } }', { key: acme.key });
    expect(acmeView.body.data).toEqual({
      me: { organization: { name: acme.organization.name } },
      connections: [{ name: 'Acme Ashby' }],
    });

    const globexView = await graphql(app.http.url, '{ connections { name } }', { key: globex.key });
    expect(globexView.body.data).toEqual({ connections: [{ name: 'Globex Ashby' }] });

    // Reaching across by id is NOT_FOUND, exactly like an id that does not exist.
    const across = await graphql(
      app.http.url,
      `{ connection(id: "${globexConnection.id}") { name } }`,
      {
        key: acme.key,
      },
    );
    expect(across.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const own = await graphql(app.http.url, `{ connection(id: "${acmeConnection.id}") { name } }`, {
      key: acme.key,
    });
    expect(own.body.data).toEqual({ connection: { name: 'Acme Ashby' } });
  });
});

describe('OrgScope', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await sharedDataSource();
  });
  afterAll(() => dataSource?.destroy());

  it("cannot be widened by a caller's own organizationId condition", async () => {
    const mine = await createTenant(dataSource, 'mine');
    const theirs = await createTenant(dataSource, 'theirs');
    const theirConnection = await addConnection(dataSource, theirs.organization.id, 'Theirs');
    const scope = new OrgScope(dataSource.manager, {
      organizationId: mine.organization.id,
      userId: mine.user.id,
      userEmail: mine.user.email,
      apiKeyId: 'k',
    });
    expect(
      await scope.find(Connection, { where: { organizationId: theirs.organization.id } }),
    ).toEqual([]);
    expect(await scope.findById(Connection, theirConnection.id)).toBeNull();
    expect(await scope.update(Connection, { id: theirConnection.id }, { name: 'hijacked' })).toBe(
      0,
    );
    expect(await scope.delete(Connection, { id: theirConnection.id })).toBe(0);
    const inserted = await scope.insert(Connection, {
      ...theirConnection,
      id: undefined,
      organizationId: theirs.organization.id,
      name: 'Mine now',
    });
    expect(inserted.organizationId).toBe(mine.organization.id);
    const still = await dataSource
      .getRepository(Connection)
      .findOneByOrFail({ id: theirConnection.id });
    expect(still.name).toBe('Theirs');
  });
});
