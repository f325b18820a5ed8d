import type { DataSource } from 'typeorm';
import { catchUp, loadOrg, type LoadedOrg } from './org-loader';
import type { OrgIndex } from './org-index';

export interface MemoryFacetsOptions {
  /** Candidates held in memory over all organizations; an organization above it uses SQL. */
  maxCandidates: number;
}

/** How long an organization found too big is left to SQL before it is counted again. */
const TOO_BIG_RETRY_MS = 60_000;

/**
 * The per-organization memory indexes of one engine: loaded on first use, caught up with the
 * search tables before every use (so another process's writes are seen), evicted least
 * recently used when the candidate budget is exceeded. One load or catch-up per organization
 * at a time; concurrent requests share it.
 */
export class MemoryFacets {
  /** Insertion order is recency order: a used organization is deleted and re-inserted. */
  private readonly orgs = new Map<string, LoadedOrg>();
  private readonly busy = new Map<string, Promise<OrgIndex | null>>();
  private readonly tooBig = new Map<string, number>();
  private collationOk: Promise<boolean> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: MemoryFacetsOptions,
  ) {}

  /** False when the organization is known to be left to SQL for now (too big). */
  mayServe(organizationId: string): boolean {
    const until = this.tooBig.get(organizationId);
    return until === undefined || until <= Date.now();
  }

  /** The organization's index, current as of now, or null when SQL must answer. */
  async index(organizationId: string): Promise<OrgIndex | null> {
    if (!(await this.collation())) return null;
    if (!this.mayServe(organizationId)) return null;
    const running = this.busy.get(organizationId);
    if (running) return running;
    const work = this.refresh(organizationId).finally(() => this.busy.delete(organizationId));
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

  private async refresh(organizationId: string): Promise<OrgIndex | null> {
    let org = this.orgs.get(organizationId);
    if (org) {
      this.orgs.delete(organizationId);
      await catchUp((text, values) => this.dataSource.query(text, values), organizationId, org);
      // Dead slots from updates pile up; a reload compacts them.
      if (org.index.needsCompaction) org = undefined;
    }
    if (!org) {
      if ((await this.countCandidates(organizationId)) > this.options.maxCandidates) {
        this.tooBig.set(organizationId, Date.now() + TOO_BIG_RETRY_MS);
        return null;
      }
      org = await loadOrg(this.dataSource, organizationId);
    }
    if (org.index.live > this.options.maxCandidates) {
      this.tooBig.set(organizationId, Date.now() + TOO_BIG_RETRY_MS);
      return null;
    }
    this.orgs.set(organizationId, org);
    this.evict();
    return org.index;
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
