import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app';
import { createEmptyDatabase } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { runApikey } from '../helpers/server-process';

describe('npm run apikey', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createEmptyDatabase();
    app = await startTestApp(databaseUrl);
  });
  afterAll(() => app?.stop());

  it('prints a working key for a new organization, and another for an existing one', async () => {
    const first = await runApikey(['--org', 'Initech', '--email', 'Bill@Initech.example'], {
      DATABASE_URL: databaseUrl,
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^API key: rdk_\S+\n$/);
    const key1 = first.stdout.trim().slice('API key: '.length);
    const me = await graphql(app.http.url, '{ me { organization { name } user { email } } }', {
      key: key1,
    });
    expect(me.body.data).toEqual({
      me: { organization: { name: 'Initech' }, user: { email: 'bill@initech.example' } },
    });

    const second = await runApikey(['--org', 'Initech', '--email', 'peter@initech.example'], {
      DATABASE_URL: databaseUrl,
    });
    const key2 = second.stdout.trim().slice('API key: '.length);
    expect(key2).not.toBe(key1);
    const me2 = await graphql(app.http.url, '{ me { organization { id name } } }', { key: key2 });
    const me1 = await graphql(app.http.url, '{ me { organization { id name } } }', { key: key1 });
    expect(me2.body.data).toEqual(me1.body.data);
  });

  it('explains its usage when arguments are missing', async () => {
    const result = await runApikey(['--org', 'X'], { DATABASE_URL: databaseUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage: npm run apikey -- --org NAME --email');
  });
});
