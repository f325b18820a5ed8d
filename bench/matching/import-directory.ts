import fs from 'node:fs';
import { once } from 'node:events';
import type { DataSource } from 'typeorm';
import { ndjsonLines } from '../../src/profiles/ndjson-lines';
import { parseProfile } from '../../src/profiles/profile-input';
import { parseValidProfile } from '../../src/profiles/profile-input-fast';
import {
  importProfileLines,
  type ProfileImportLimits,
  type ProfileImportOutcome,
} from '../../src/profiles/profile-import';
import { directoryLine, externalIdAt, type World } from './world';
import type { OracleIdentity } from './world-views';

export interface DirectoryFile {
  path: string;
  bytes: number;
  lines: number;
  seconds: number;
  /**
   * The profiles the reference rules need (every one sharing a name, URL or e-mail with some
   * candidate), by external id.
   */
  related: Map<string, OracleIdentity>;
}

const LINES_PER_WRITE = 2000;

/** Writes the directory as the NDJSON file a directory vendor would hand over. */
export async function writeDirectoryFile(
  world: World,
  path: string,
  log: (line: string) => void,
): Promise<DirectoryFile> {
  const started = performance.now();
  const names = new Set<string>();
  const linkedins = new Set<string>();
  const githubs = new Set<string>();
  const emails = new Set<string>();
  for (const { view } of world.candidates) {
    names.add(view.identity.name);
    if (view.identity.linkedin) linkedins.add(view.identity.linkedin);
    if (view.identity.github) githubs.add(view.identity.github);
    for (const e of view.identity.emails) emails.add(e);
  }
  const isRelated = (p: OracleIdentity): boolean =>
    names.has(p.name) ||
    (p.linkedin !== null && linkedins.has(p.linkedin)) ||
    (p.github !== null && githubs.has(p.github)) ||
    p.emails.some((e) => emails.has(e));

  const out = fs.createWriteStream(path);
  const related = new Map<string, OracleIdentity>();
  let bytes = 0;
  let chunk: string[] = [];
  for (let position = 0; position < world.profileCount; position++) {
    const { line, identity } = directoryLine(world, position);
    if (identity && isRelated(identity)) related.set(externalIdAt(position), identity);
    chunk.push(line);
    if (chunk.length === LINES_PER_WRITE || position === world.profileCount - 1) {
      const text = `${chunk.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      chunk = [];
      if (!out.write(text)) await once(out, 'drain');
    }
    if (position % 200_000 === 199_999) log(`  directory: ${position + 1} lines written`);
  }
  out.end();
  await once(out, 'finish');
  const seconds = (performance.now() - started) / 1000;
  log(
    `directory file: ${world.profileCount} lines, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${seconds.toFixed(1)} s`,
  );
  return { path, bytes, lines: world.profileCount, seconds, related };
}

export interface ImportFigures {
  outcome: ProfileImportOutcome;
  seconds: number;
}

/**
 * The import as `npm run import-profiles -- FILE` runs it (src/cli/import-profiles.ts): the file
 * streamed through `ndjsonLines` into `importProfileLines`, the code POST /profiles/import
 * runs on a request body. The CLI's progress bar and job queueing are left out.
 */
export async function importDirectory(
  dataSource: DataSource,
  organizationId: string,
  file: Pick<DirectoryFile, 'path'>,
  limits: ProfileImportLimits,
): Promise<ImportFigures> {
  const started = performance.now();
  const outcome = await importProfileLines(
    dataSource,
    organizationId,
    ndjsonLines(fs.createReadStream(file.path, { highWaterMark: 1 << 20 }), limits.maxLineBytes),
    { maxLineBytes: limits.maxLineBytes, maxLines: Number.MAX_SAFE_INTEGER },
  );
  return { outcome, seconds: (performance.now() - started) / 1000 };
}

/** The import's JavaScript half alone: split, JSON.parse and validate every line, write nothing. */
export async function parseDirectory(
  file: Pick<DirectoryFile, 'path'>,
  maxLineBytes: number,
): Promise<number> {
  const started = performance.now();
  let valid = 0;
  for await (const line of ndjsonLines(
    fs.createReadStream(file.path, { highWaterMark: 1 << 20 }),
    maxLineBytes,
  )) {
    if (!line.trim()) continue;
    try {
      // As the import reads a line: the fast path, the schema for anything unusual.
      const value: unknown = JSON.parse(line);
      if (parseValidProfile(value) !== undefined || parseProfile(value).ok) valid += 1;
    } catch {
      // A bad line: the import rejects it the same way.
    }
  }
  if (valid === 0) throw new Error('no valid line in the directory file');
  return (performance.now() - started) / 1000;
}
