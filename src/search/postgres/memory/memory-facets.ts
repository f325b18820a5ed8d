import type { DataSource } from 'typeorm';
import { catchUp, loadOrg, type LoadedOrg } from './org-loader';
import type { OrgIndex } from './org-index';

export interface MemoryFacetsOptions {
  /** Candidates held in memory over all organizations; an organization above it uses SQL. */
  maxCandidates: number;
  /**
   * Wait for an organization's first load (tests: every answer comes from memory) instead of
   * answering with SQL while it loads in the background (serving: no request waits for a load).
   */
  waitForLoad: boolean;
  /** Clock, for tests. */
  now?: () => number;
}

/** Tombstones of removed documents are kept this long (the engine prunes older ones). */
export const TOMBSTONE_KEEP_MS = 24 * 3_600_000;
/**
 * An index not caught up for this long could miss pruned tombstones: it is reloaded instead.
 * Half the keep time, so a catch-up that starts just before the limit still finds them all.
 */
const RELOAD_AFTER_MS = TOMBSTONE_KEEP_MS / 2;

/** How long an organization found too big is left to SQL before it is counted again. */
const TOO_BIG_RETRY_MS = 60_000;

/**
 * The per-organization memory indexes of one engine: loaded on first use, caught up with the
 * search tables before every use (so another process's writes are seen), evicted least
 * recently used when the candidate budget is exceeded. One load and one catch-up per
 * organization at a time; concurrent requests share them.
 */
export class MemoryFacets {
  /** Insertion order is recency order: a used organization is deleted and re-inserted. */
  private readonly orgs = new Map<string, LoadedOrg>();
  private readonly busy = new Map<string, Promise<OrgIndex | null>>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly tooBig = new Map<string, number>();
  private collationOk: Promise<boolean> | null = null;
  /** When each organization's index last started a load or catch-up that succeeded. */
  private readonly caughtUpAt = new Map<string, number>();

  private readonly now: () => number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: MemoryFacetsOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * False when SQL is to answer without asking index(): the organization is too big for now,
   * or its index is not loaded and requests do not wait (the load is started here).
   */
  mayServe(organizationId: string): boolean {
    const until = this.tooBig.get(organizationId);
    if (until !== undefined && until > Date.now()) return false;
    if (this.options.waitForLoad || this.orgs.has(organizationId)) return true;
    this.index(organizationId).catch(() => undefined);
    return false;
  }

  /**
   * The organization's index, caught up to now, or null when SQL must answer: the organization
   * is too big, or (unless waitForLoad, here or in the options) its index is still loading in
   * the background.
   */
  async index(organizationId: string, waitForLoad = false): Promise<OrgIndex | null> {
    if (!(await this.collation())) return null;
    const until = this.tooBig.get(organizationId);
    if (until !== undefined && until > Date.now()) return null;
    const caughtUp = this.caughtUpAt.get(organizationId);
    if (caughtUp !== undefined && this.now() - caughtUp > RELOAD_AFTER_MS) {
      // Idle long enough for tombstones it has not seen to be pruned: start over.
      this.orgs.delete(organizationId);
      this.caughtUpAt.delete(organizationId);
    }
    if (!this.orgs.has(organizationId)) {
      const loading = this.load(organizationId);
      if (!this.options.waitForLoad && !waitForLoad) return null;
      await loading;
    }
    const running = this.busy.get(organizationId);
    if (running) return running;
    const work = this.catchUp(organizationId).finally(() => this.busy.delete(organizationId));
    this.busy.set(organizationId, work);
    return work;
  }

  /** Heap of the loaded indexes (estimate) and their live candidates. */
  stats(): { bytes: number; candidates: number } {
    let bytes = 0;
    let candidates = 0;
    for (const { index } of this.orgs.values()) {
      bytes += index.bytes;
      candidates += index.live;
    }
    return { bytes, candidates };
  }

  private async catchUp(organizationId: string): Promise<OrgIndex | null> {
    const org = this.orgs.get(organizationId);
    if (!org) return null;
    const started = this.now();
    try {
      await catchUp((text, values) => this.dataSource.query(text, values), organizationId, org);
      if (this.orgs.get(organizationId) === org) this.caughtUpAt.set(organizationId, started);
    } catch (error) {
      // A half-applied catch-up leaves the index unusable; the next request reloads it.
      if (this.orgs.get(organizationId) === org) this.orgs.delete(organizationId);
      throw error;
    }
    if (org.index.live > this.options.maxCandidates) {
      this.orgs.delete(organizationId);
      this.tooBig.set(organizationId, Date.now() + TOO_BIG_RETRY_MS);
      return null;
    }
    if (this.orgs.get(organizationId) === org) {
      // Most recently used goes last.
      this.orgs.delete(organizationId);
      this.orgs.set(organizationId, org);
    }
    // Dead slots from updates pile up: reload in the background; this index is still exact.
    if (org.index.needsCompaction) void this.load(organizationId, true);
    return org.index;
  }

  /** Loads an organization once at a time; failures are left to the next request to retry. */
  private load(organizationId: string, replace = false): Promise<void> {
    const running = this.loading.get(organizationId);
    if (running) return running;
    const work = (async () => {
      if ((await this.countCandidates(organizationId)) > this.options.maxCandidates) {
        this.tooBig.set(organizationId, Date.now() + TOO_BIG_RETRY_MS);
        return;
      }
      const started = this.now();
      const org = await loadOrg(this.dataSource, organizationId);
      if (replace || !this.orgs.has(organizationId)) {
        this.orgs.delete(organizationId);
        this.orgs.set(organizationId, org);
        this.caughtUpAt.set(organizationId, started);
        this.evict();
      }
    })()
      .catch(() => undefined)
      .finally(() => this.loading.delete(organizationId));
    this.loading.set(organizationId, work);
    return work;
  }

  /** Drops least recently used organizations until the budget holds. */
  private evict(): void {
    let total = 0;
    for (const { index } of this.orgs.values()) total += index.live;
    for (const [id, { index }] of this.orgs) {
      if (total <= this.options.maxCandidates) break;
      this.orgs.delete(id);
      total -= index.live;
    }
  }

  private async countCandidates(organizationId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM search_candidates WHERE organization_id = $1::uuid',
      [organizationId],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Facet values tied on count are ordered by value in SQL, under the database's collation; the
   * memory path orders by code point, which is what C and C.UTF-8 do. Other collations: SQL.
   */
  private collation(): Promise<boolean> {
    this.collationOk ??= this.dataSource
      .query<{ collation: string; provider: string | null }[]>(
        `SELECT d.datcollate AS collation, to_jsonb(d) ->> 'datlocprovider' AS provider
         FROM pg_database d WHERE d.datname = current_database()`,
      )
      .then((rows) => {
        const row = rows[0];
        // datlocprovider (PostgreSQL 15+) 'c' = libc; ICU collations are never code-point order.
        return (
          (row?.provider ?? 'c') === 'c' && /^(C|POSIX|C\.UTF-?8)$/i.test(row?.collation ?? '')
        );
      });
    return this.collationOk;
  }
}
