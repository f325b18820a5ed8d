import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 4000,
      role: 'all',
      jobQueue: 'postgres',
      database: { url: undefined, poolSize: 10, embeddedPort: 0 },
      graphql: { introspection: true, maxDepth: 12 },
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(4000);
  });

  it('turns introspection off by default in production, on again when asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql.introspection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection,
    ).toBe(true);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '99999',
        ROLE: 'boss',
        DATABASE_URL: 'mysql://x',
        GRAPHQL_MAX_DEPTH: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'ROLE', 'DATABASE_URL', 'GRAPHQL_MAX_DEPTH'])
      expect(problems).toContain(`${name}:`);
  });
});
