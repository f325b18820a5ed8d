import { ok, type Result } from '../../common/result';
import type { HarvestClient, HarvestError } from './greenhouse-client';

/** How long reference rows read for refreshed candidates are reused. */
export const REFERENCE_TTL_MS = 5 * 60_000;
/** Ids remembered at most; past it the cache starts over (a connector's jobs and users fit). */
const MAX_ENTRIES = 50_000;

type RawRow = Record<string, unknown>;

/**
 * The jobs, stages, users, job posts, sources and rejection reasons that refreshed candidates
 * point at, kept for a few minutes per connector: a burst of webhooks reads each of them once
 * instead of once per batch (they were six of the eleven calls a batch made, under Greenhouse's
 * 5 requests/s). Only ids read recently are served from memory; an id never seen (a new job, a
 * new source, a stage the cached list lacks) is read from Greenhouse, so no row is written
 * pointing at one the mirror does not have. A rename reaches the mirror when the entry expires,
 * or at once through the incremental sync a job webhook asks for.
 */
export class ReferenceCache {
  private readonly entries = new Map<string, { at: number; rows: unknown[]; ids: Set<unknown> }>();

  constructor(
    private readonly client: HarvestClient,
    private readonly now: () => number,
    private readonly ttlMs = REFERENCE_TTL_MS,
  ) {}

  /**
   * The rows of `resource` for each id of `filter` (`ids=`, `job_ids=`), `ownerOf` naming the id
   * a row belongs to; only the ids without a fresh entry are read.
   */
  async byIds(
    resource: string,
    filter: string,
    ids: readonly number[],
    ownerOf: (row: RawRow) => unknown,
    optional = false,
  ): Promise<Result<unknown[], HarvestError>> {
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !this.fresh(keyOf(resource, id)));
    if (missing.length > 0) {
      const read = await this.client.allByIds(resource, filter, missing, optional);
      if (!read.ok) return read;
      const owned = new Map(missing.map((id) => [id, [] as unknown[]]));
      for (const row of read.value) owned.get(Number(ownerOf(row as RawRow)))?.push(row);
      for (const [id, rows] of owned) this.remember(keyOf(resource, id), rows);
    }
    return ok(unique.flatMap((id) => this.entries.get(keyOf(resource, id))?.rows ?? []));
  }

  /** A whole short list (sources, rejection reasons), read again when it lacks an id wanted. */
  async list(
    resource: string,
    wanted: ReadonlySet<number>,
  ): Promise<Result<unknown[], HarvestError>> {
    if (wanted.size === 0) return ok([]);
    const key = keyOf(resource, '*');
    const cached = this.entries.get(key);
    if (cached && this.fresh(key) && [...wanted].every((id) => cached.ids.has(id)))
      return ok(cached.rows);
    const read = await this.client.all(resource, {});
    if (!read.ok) return read;
    this.remember(key, read.value);
    return ok(read.value);
  }

  /** Drops entries, so the next read asks Greenhouse (a stage list lacking a stage named). */
  forget(resource: string, ids: readonly number[]): void {
    for (const id of ids) this.entries.delete(keyOf(resource, id));
  }

  private fresh(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.at < this.ttlMs;
  }

  private remember(key: string, rows: unknown[]): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const ids = new Set(rows.map((row) => (row as RawRow).id));
    this.entries.set(key, { at: this.now(), rows, ids });
  }
}

function keyOf(resource: string, id: number | '*'): string {
  return `${resource}\u001f${id}`;
}
