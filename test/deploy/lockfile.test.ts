import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * package-lock.json installs as it is on every platform: `npm ci` (npm 11) refuses a lockfile
 * that lacks any optional dependency of any package, including other platforms' binaries
 * (@swc/core-darwin-arm64 …) that this machine never installs, and `npm install` then rewrites
 * the lockfile to add them.
 */
const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Deps = Record<string, string>;
interface Entry {
  version?: string;
  link?: boolean;
  dependencies?: Deps;
  devDependencies?: Deps;
  optionalDependencies?: Deps;
  peerDependencies?: Deps;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  engines?: Record<string, string>;
  hasInstallScript?: boolean;
}
const pkg = JSON.parse(read('package.json')) as Entry & { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(read('package-lock.json')) as {
  lockfileVersion: number;
  packages: Record<string, Entry>;
};
const packages = lock.packages;

/** Node's lookup: the entry `name` resolves to from the package at `from` ('' is the root). */
function resolve(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const key = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[key]) return key;
    if (base === '') return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

const nameOf = (key: string) =>
  key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('package-lock.json', () => {
  it('is in step with package.json (npm ci refuses it otherwise)', () => {
    expect(lock.lockfileVersion).toBe(3);
    const rootEntry = packages[''] ?? {};
    for (const field of [
      'dependencies',
      'devDependencies',
      'optionalDependencies',
      'engines',
    ] as const) {
      expect(rootEntry[field] ?? {}, field).toEqual(pkg[field] ?? {});
    }
  });

  it("names every dependency of every package, other platforms' optional binaries included", () => {
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(packages)) {
      if (entry.link) continue;
      const wanted = {
        ...entry.dependencies,
        ...entry.optionalDependencies,
        ...(key === '' ? entry.devDependencies : {}),
        ...Object.fromEntries(
          Object.entries(entry.peerDependencies ?? {}).filter(
            ([name]) => !entry.peerDependenciesMeta?.[name]?.optional,
          ),
        ),
      };
      for (const [name, range] of Object.entries(wanted)) {
        if (!resolve(key, name)) missing.push(`${key || 'package.json'} needs ${name}@${range}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no install script that package.json allowScripts does not approve', () => {
    const allowed = Object.entries(pkg.allowScripts ?? {})
      .filter(([, allow]) => allow)
      .map(([name]) => name);
    const withScripts = [
      ...new Set(
        Object.entries(packages)
          .filter(([, entry]) => entry.hasInstallScript)
          .map(([key]) => nameOf(key)),
      ),
    ];
    expect(withScripts.filter((name) => !allowed.includes(name))).toEqual([]);
    // …and approves nothing that is not there (a stale approval would hide a new package).
    expect(allowed.filter((name) => !withScripts.includes(name))).toEqual([]);
  });
});

describe('installs with that lockfile', () => {
  it('.ci/run installs with npm ci, and its Node line is the one the image runs', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).not.toMatch(/^\s*npm install\b/m);
    const line = /^NODE_LINE_VERSION=(\d+)\.\d+\.\d+$/m.exec(ci)?.[1];
    const images = [...read('Dockerfile').matchAll(/^FROM node:(\d+)-/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([line]));
  });

  it('the image runs only the approved install scripts, with an npm that has no allowScripts', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/RUN npm ci --ignore-scripts\b/);
    expect(dockerfile).toContain(
      `npm rebuild $(node -p "Object.keys(require('./package.json').allowScripts).join(' ')")`,
    );
  });
});
