import type { DataSource, EntityManager } from 'typeorm';
import { parseProfile, type ProfileValues } from './profile-input';
import { parseValidProfile } from './profile-input-fast';

/** One refused line (NDJSON) or item (GraphQL batch); `line` is 1-based. */
export interface ProfileImportRejection {
  line: number;
  /** The dotted path of the bad field (`workHistory.1.startDate`); null for the line as a whole. */
  field: string | null;
  message: string;
}

/** The answer of every import (API.md): `received` counts every non-empty line, rejected too. */
export interface ProfileImportResult {
  received: number;
  created: number;
  updated: number;
  rejected: ProfileImportRejection[];
}

export interface ProfileImportLimits {
  /** Longest line accepted, in bytes without its line break (PROFILE_IMPORT_MAX_LINE_BYTES). */
  maxLineBytes: number;
  /** Most non-empty lines read in one import (PROFILE_IMPORT_MAX_LINES). */
  maxLines: number;
}

export interface ProfileImportOutcome {
  result: ProfileImportResult;
  /**
   * Profiles created or changed, for matching to look at; unchanged ones are not listed. In
   * order of folded name, so that a rematch cut into jobs finds a name's profiles (a person's
   * own and their namesakes, which concern the same candidates) in one job, not in many.
   */
  changedProfileIds: string[];
  /**
   * Set when the import stopped at `maxLines`: the number of the first line past the limit.
   * The lines before it were imported; it is rejected with the reason; nothing after it was
   * read. Null when the whole input was read.
   */
  stoppedAtLine: number | null;
}

/**
 * An import that failed part-way (the database went away, the client hung up). The batches
 * written before the failure stay written; their ids are here so matching still sees them.
 */
export class ProfileImportError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly changedProfileIds: string[],
  ) {
    super(`profile import failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ProfileImportError';
  }
}

/** Rows per INSERT … ON CONFLICT statement. */
export const PROFILE_UPSERT_BATCH = 1000;

/** Statements of one import running at once (each on its own pooled connection). */
const MAX_WRITES_IN_FLIGHT = 2;

/**
 * Rejections listed in one answer; past it they are only counted, in one last entry, so a file
 * of a million bad lines does not make a million-entry answer.
 */
export const MAX_LISTED_REJECTIONS = 10_000;

type Db = DataSource | EntityManager;

/**
 * Imports NDJSON lines (one ProfileInput each; empty lines skipped) into the organization's
 * directory, upserting by `externalId` in batches while the next batch is being parsed. Memory
 * is one batch plus the ids of changed profiles, whatever the size of the input. Feed it
 * `ndjsonLines(...)` so that over-long lines are cut before they are buffered.
 */
export async function importProfileLines(
  db: Db,
  organizationId: string,
  lines: AsyncIterable<string>,
  limits: ProfileImportLimits,
): Promise<ProfileImportOutcome> {
  const run = new ImportRun(db, organizationId);
  let lineNumber = 0;
  let stoppedAtLine: number | null = null;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (isBlank(line)) continue;
      run.received += 1;
      if (run.received > limits.maxLines) {
        stoppedAtLine = lineNumber;
        run.reject(
          lineNumber,
          null,
          `more than ${limits.maxLines} lines in one import: this line and the ones after it were not read (the lines before it were imported); send the rest separately`,
        );
        break;
      }
      if (Buffer.byteLength(line, 'utf8') > limits.maxLineBytes) {
        run.reject(lineNumber, null, `line is longer than ${limits.maxLineBytes} bytes`);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        run.reject(lineNumber, null, `not valid JSON: ${(error as Error).message}`);
        continue;
      }
      await run.add(lineNumber, value);
    }
    await run.finish();
  } catch (error) {
    throw await run.fail(error);
  }
  return { ...run.outcome(), stoppedAtLine };
}

/** The same import for an array (the GraphQL batch): `line` is the 1-based index. */
export async function importProfileObjects(
  db: Db,
  organizationId: string,
  profiles: readonly unknown[],
): Promise<{ result: ProfileImportResult; changedProfileIds: string[] }> {
  const run = new ImportRun(db, organizationId);
  try {
    for (const [index, value] of profiles.entries()) {
      run.received += 1;
      await run.add(index + 1, value);
    }
    await run.finish();
  } catch (error) {
    throw await run.fail(error);
  }
  return run.outcome();
}

function isBlank(line: string): boolean {
  return line.length === 0 || line.trim().length === 0;
}

/**
 * Parses into batches and writes them while the next batch fills: the database works while
 * this process parses.
 */
class ImportRun {
  received = 0;
  private created = 0;
  private updated = 0;
  private readonly rejected: ProfileImportRejection[] = [];
  private unlisted = 0;
  private firstUnlistedLine = 0;
  /** Ids of the profiles written, and their folded names (changedProfileIds' order). */
  private readonly changed: string[] = [];
  private readonly changedNames: string[] = [];
  private batch: ProfileValues[] = [];
  private batchIds = new Set<string>();
  /** Statements sent and not yet answered, oldest first, with the externalIds they write. */
  private inFlight: { done: Promise<void>; externalIds: Set<string> }[] = [];
  /** An externalId came twice: its id may be listed twice in `changed`. */
  private repeats = false;

  constructor(
    private readonly db: Db,
    private readonly organizationId: string,
  ) {}

  reject(line: number, field: string | null, message: string): void {
    if (this.rejected.length < MAX_LISTED_REJECTIONS) {
      this.rejected.push({ line, field, message });
      return;
    }
    if (this.unlisted === 0) this.firstUnlistedLine = line;
    this.unlisted += 1;
  }

  async add(line: number, value: unknown): Promise<void> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.reject(line, null, 'expected a JSON object (one profile per line)');
      return;
    }
    // Valid lines take the fast path; the schema judges (and explains) everything else.
    let row = parseValidProfile(value);
    if (!row) {
      const parsed = parseProfile(value);
      if (!parsed.ok) {
        this.reject(line, parsed.field || null, parsed.message);
        return;
      }
      row = parsed.row;
    }
    // The same externalId twice in one statement is an error in PostgreSQL; in file order the
    // later line updates the earlier one, so the earlier one is written first.
    if (this.batchIds.has(row.externalId)) {
      this.repeats = true;
      await this.flush();
    }
    this.batch.push(row);
    this.batchIds.add(row.externalId);
    if (this.batch.length >= PROFILE_UPSERT_BATCH) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
    while (this.inFlight.length > 0) await this.settleOldest();
  }

  /** Waits for the writes in flight (their ids count too), then wraps the first failure. */
  async fail(error: unknown): Promise<ProfileImportError> {
    const pending = this.inFlight.map((w) => w.done);
    this.inFlight = [];
    const outcomes = await Promise.allSettled(pending);
    const failedWrite = outcomes.find((o) => o.status === 'rejected');
    // A failed write is what stopped the import when there is one: the cause to report.
    const cause: unknown = failedWrite?.status === 'rejected' ? failedWrite.reason : error;
    return new ProfileImportError(cause, this.outcome().changedProfileIds);
  }

  outcome(): { result: ProfileImportResult; changedProfileIds: string[] } {
    const rejected = [...this.rejected];
    if (this.unlisted > 0) {
      rejected.push({
        line: this.firstUnlistedLine,
        field: null,
        message: `${this.unlisted} more lines were rejected from this line on; only the first ${MAX_LISTED_REJECTIONS} rejections are listed`,
      });
    }
    return {
      result: {
        received: this.received,
        created: this.created,
        updated: this.updated,
        rejected,
      },
      changedProfileIds: this.changedByName(),
    };
  }

  private changedByName(): string[] {
    const order = Array.from(this.changed.keys());
    const names = this.changedNames;
    order.sort((a, b) => {
      const x = names[a] ?? '';
      const y = names[b] ?? '';
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const ids = order.map((i) => this.changed[i] ?? '');
    return this.repeats ? [...new Set(ids)] : ids;
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    const externalIds = this.batchIds;
    this.batch = [];
    this.batchIds = new Set();
    // Two statements at once keep PostgreSQL busy during the other's commit; a profile written
    // by an earlier statement still in flight waits for it, so file order decides.
    while (
      this.inFlight.length >= MAX_WRITES_IN_FLIGHT ||
      this.inFlight.some((w) => rows.some((row) => w.externalIds.has(row.externalId)))
    ) {
      await this.settleOldest();
    }
    const done = this.write(rows);
    // Observed here so a failure while the next batch is parsed is not "unhandled"; it is
    // rethrown when this write is settled.
    done.catch(() => undefined);
    this.inFlight.push({ done, externalIds });
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.inFlight[0];
    if (!oldest) return;
    await oldest.done;
    this.inFlight.shift();
  }

  private async write(rows: ProfileValues[]): Promise<void> {
    // One lock order for every import, so two concurrent imports cannot deadlock on a row pair.
    rows.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
    const returned: { id: string; name_key: string; inserted: boolean }[] = await this.db.query(
      UPSERT_SQL,
      [this.organizationId, JSON.stringify(rows)],
    );
    for (const row of returned) {
      if (row.inserted) this.created += 1;
      else this.updated += 1;
      this.changed.push(row.id);
      this.changedNames.push(row.name_key);
    }
  }
}

/** Row value columns and their types, in the order of the INSERT (entity names, snake in SQL). */
const COLUMNS: readonly [keyof ProfileValues, string, string][] = [
  ['externalId', 'external_id', 'varchar'],
  ['fullName', 'full_name', 'varchar'],
  ['nameKey', 'name_key', 'varchar'],
  ['headline', 'headline', 'varchar'],
  ['linkedinUrl', 'linkedin_url', 'varchar'],
  ['githubUrl', 'github_url', 'varchar'],
  ['emails', 'emails', 'varchar[]'],
  ['socialLinks', 'social_links', 'jsonb'],
  ['location', 'location', 'jsonb'],
  ['workHistory', 'work_history', 'jsonb'],
  ['education', 'education', 'jsonb'],
  ['skills', 'skills', 'varchar[]'],
  ['certifications', 'certifications', 'varchar[]'],
  ['languages', 'languages', 'varchar[]'],
  ['industry', 'industry', 'varchar'],
  ['companySize', 'company_size', 'varchar'],
];

const UPDATED = COLUMNS.filter(([, column]) => column !== 'external_id');

/**
 * The whole batch travels as one JSON parameter, unpacked by jsonb_to_recordset. A row whose
 * values are all the same is not updated (so not returned): an identical re-import changes
 * nothing. `xmax = 0` tells an inserted row from an updated one.
 */
const UPSERT_SQL = `
INSERT INTO profiles AS p (organization_id, ${COLUMNS.map(([, c]) => c).join(', ')})
SELECT $1::uuid, ${COLUMNS.map(([key]) => `x."${key}"`).join(', ')}
FROM jsonb_to_recordset($2::jsonb) AS x(${COLUMNS.map(([key, , type]) => `"${key}" ${type}`).join(', ')})
ON CONFLICT (organization_id, external_id) DO UPDATE SET
  ${UPDATED.map(([, c]) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
WHERE (${UPDATED.map(([, c]) => `p.${c}`).join(', ')})
  IS DISTINCT FROM (${UPDATED.map(([, c]) => `EXCLUDED.${c}`).join(', ')})
RETURNING p.id, p.name_key, (p.xmax = 0) AS inserted`;
