import type { CandidateDocument } from './candidate-document';
import type {
  InsightBreakdown,
  InsightsRequest,
  LookupMatch,
  LookupRequest,
  SearchRequest,
  SearchResult,
} from './search-types';

/**
 * The one interface both engines implement (postgres: the embedded default; elasticsearch:
 * production). Engines do I/O only: query translation is pure and lives beside each engine.
 * Every method is scoped to one organization; nothing crosses organizations.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'elasticsearch';
  /** Creates or migrates the engine's storage (idempotent). */
  init(): Promise<void>;
  /**
   * Adds or replaces documents (idempotent: the same document twice gives the same state). By
   * default they are searchable when the call returns; with `bulk` (a full sync's pages, a
   * reindex) the engine may make them searchable shortly after instead (Elasticsearch: at its
   * next periodic refresh, within a second), so a large load does not wait for a refresh per call.
   */
  index(documents: CandidateDocument[], options?: IndexOptions): Promise<void>;
  /** Removes candidates (deleted or merged away upstream). Unknown ids are ignored. */
  remove(organizationId: string, candidateIds: string[]): Promise<void>;
  /** Removes every document of a connection (the connection was removed). */
  removeConnection(organizationId: string, connectionId: string): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  insights(request: InsightsRequest): Promise<InsightBreakdown[]>;
  /** One list of matches per requested profile, in request order. */
  lookup(request: LookupRequest): Promise<LookupMatch[][]>;
  /** Documents indexed for an organization (for reindex progress and tests). */
  count(organizationId: string): Promise<number>;
  /** Whether the engine's backing service answers (GET /readyz). */
  ready(): Promise<EngineReadiness>;
  close(): Promise<void>;
}

export interface IndexOptions {
  /** Part of a large load: searchable shortly after the call, not necessarily when it returns. */
  bulk?: boolean;
}

export type EngineReadiness = { ok: true } | { ok: false; reason: string };

/** Thrown by an engine when its backing service cannot be reached (→ UPSTREAM_UNAVAILABLE). */
export class SearchEngineUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SearchEngineUnavailableError';
  }
}
