import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/config';

/**
 * docker-compose.yml, checked without a Docker engine (none runs here or in CI): parsed as YAML
 * (merge keys included, as compose reads them), its variables interpolated the way compose does.
 */
const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = Object.entries(compose.services);
/** The services that run this app (built from the Dockerfile); the others are their images' own. */
const appServices = services.filter(([, service]) => service.build !== undefined);

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line): [string, string] => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(env).map(([key, value]): [string, string] => [key, String(value ?? '')]);
  return Object.fromEntries(entries);
}

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      const key = (name ?? bare) as string;
      const set = key in vars;
      const value = vars[key] ?? '';
      const missing = op?.startsWith(':') ? value === '' : !set;
      if (op?.endsWith('?') && missing) throw new Error(`${key}: ${arg ?? ''}`);
      if (op?.endsWith('-') && missing) return arg ?? '';
      return value;
    },
  );
}

/** KEY=value lines (comments and blanks skipped), as compose reads .env. */
function parseDotEnv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line): [string, string] => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );
}

/** The README's "Production shape" commands, up to (not including) `docker compose`. */
function readmeSetupCommands(): { setup: string; up: string } {
  const section = read('README.md').split('\n## Production shape')[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const lines = block.split('\n');
  const at = lines.findIndex((line) => /^docker compose up\b/.test(line));
  // Nothing runs unless the block has its `docker compose up` line and nothing of docker before.
  if (at < 0)
    throw new Error(`README, Production shape: no "docker compose up" line in:\n${block}`);
  const setup = lines.slice(0, at).join('\n');
  if (/\bdocker\b/.test(setup.replace(/^#.*$/gm, '')))
    throw new Error(`docker before up:\n${setup}`);
  return { setup, up: lines[at] ?? '' };
}

describe('docker-compose.yml', () => {
  it('runs the app with its own settings only: every variable is one src/config reads', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['api', 'worker']);
    for (const [name, service] of appServices) {
      const unknown = Object.keys(environmentOf(service)).filter(
        (key) => !CONFIG_VARIABLES.includes(key),
      );
      expect(unknown, `service ${name}`).toEqual([]);
      expect(environmentOf(service), `service ${name}`).toHaveProperty('PUBLIC_URL');
    }
  });

  it('runs the Elasticsearch major.minor of the client package-lock.json installs', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { version?: string }>;
    };
    const client = lock.packages['node_modules/@elastic/elasticsearch']?.version ?? '';
    const [, tag = ''] =
      /^docker\.elastic\.co\/elasticsearch\/elasticsearch:(.+)$/.exec(
        compose.services['elasticsearch']?.image ?? '',
      ) ?? [];
    const majorMinor = (version: string) => version.split('.').slice(0, 2).join('.');
    expect(client).toMatch(/^\d+\.\d+\.\d+$/);
    expect(majorMinor(tag)).toBe(majorMinor(client));
  });

  it('takes SECRET_KEY from the environment (.env), required, never generated inline', () => {
    for (const [name, service] of services) {
      const values = Object.values(environmentOf(service));
      expect(
        values.filter((value) => /\$\(|`/.test(value)),
        `service ${name}`,
      ).toEqual([]);
    }
    for (const [name, service] of appServices) {
      const value = environmentOf(service)['SECRET_KEY'] ?? '';
      expect(value, `service ${name}`).toMatch(/^\$\{SECRET_KEY:\?[^}]+\}$/);
      expect(() => interpolate(value, {})).toThrow(/SECRET_KEY/);
      expect(() => interpolate(value, { SECRET_KEY: '' })).toThrow(/SECRET_KEY/);
    }
    // The README's command does not make a key on the way to `up` either.
    const { up } = readmeSetupCommands();
    expect(up).not.toMatch(/SECRET_KEY|openssl|\$\(/);
  });

  describe("with the .env the README's one-time command makes", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rediscover-compose-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const setup = () => {
      writeFileSync(path.join(dir, '.env.example'), read('.env.example'));
      execFileSync('bash', ['-euo', 'pipefail', '-c', readmeSetupCommands().setup], { cwd: dir });
      return readFileSync(path.join(dir, '.env'), 'utf8');
    };

    it('makes a key once and keeps it when run again', () => {
      const first = setup();
      expect(parseDotEnv(first)['SECRET_KEY']).toMatch(/^[0-9a-f]{64}$/);
      expect(setup()).toBe(first);
      // The example itself carries no key.
      expect(parseDotEnv(read('.env.example'))['SECRET_KEY']).toBe('');
    });

    it('gives each app service a configuration that loads in production', () => {
      const dotEnv = parseDotEnv(setup());
      for (const name of Object.keys(dotEnv)) {
        expect(read('docker-compose.yml'), `.env.example names ${name}`).toContain(`\${${name}`);
      }
      for (const [name, service] of appServices) {
        const env = Object.fromEntries(
          Object.entries(environmentOf(service)).map(([key, value]) => [
            key,
            interpolate(value, dotEnv),
          ]),
        );
        const config = loadConfig(env);
        expect(config.isProduction, `service ${name}`).toBe(true);
        expect(config.secrets.key, `service ${name}`).toBe(dotEnv['SECRET_KEY']);
        expect(config.database.url, `service ${name}`).toMatch(/@postgres:5432\//);
        expect(config.search.engine, `service ${name}`).toBe('elasticsearch');
        expect(config.role, `service ${name}`).toBe(name);
      }
    });
  });
});
