import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { IndexOptions, SearchEngine } from '../search/search-engine';
import { buildCandidateDocument } from './build-document';
import { loadCandidateInputs } from './candidate-inputs';
import { enrichCandidate } from './enrich-candidate';
import { yieldToLoop } from '../common/yield-to-loop';

const DOCUMENTS_PER_SLICE = 20;
/** Candidates loaded, built and written together (one read of the model, one engine write). */
export const PASS_SIZE = 500;

/**
 * Keeps the search engine in step with the normalized model: for each changed candidate,
 * (re)builds its document, or removes it when it is gone, deleted or merged away upstream.
 * Idempotent: indexing the same candidate twice gives the same document.
 */
export class Indexer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
    private readonly passSize = PASS_SIZE,
  ) {}

  /**
   * Indexes (or removes) the candidates, at most `passSize` per pass: the job handler coalesces
   * up to 50 queued events, which during a large sync is up to 25,000 candidates, and loading
   * and building those in one go is a long synchronous stretch for the whole process (the
   * sync bench saw its event loop stall for 74 s at 100,000 candidates before this cap).
   */
  async indexCandidates(
    organizationId: string,
    candidateIds: readonly string[],
    options: IndexOptions = {},
  ): Promise<{ indexed: number; removed: number }> {
    const unique = [...new Set(candidateIds)];
    const total = { indexed: 0, removed: 0 };
    for (let i = 0; i < unique.length; i += this.passSize) {
      const pass = await this.indexPass(
        organizationId,
        unique.slice(i, i + this.passSize),
        options,
      );
      total.indexed += pass.indexed;
      total.removed += pass.removed;
    }
    return total;
  }

  private async indexPass(
    organizationId: string,
    candidateIds: readonly string[],
    options: IndexOptions,
  ): Promise<{ indexed: number; removed: number }> {
    if (candidateIds.length === 0) return { indexed: 0, removed: 0 };
    const inputs = await loadCandidateInputs(this.dataSource.manager, organizationId, candidateIds);
    const now = this.clock();
    const documents = [];
    const removed: string[] = [];
    let built = 0;
    for (const id of candidateIds) {
      // Building a document is ~1 ms of CPU: let the process breathe between every few.
      if (++built % DOCUMENTS_PER_SLICE === 0) await yieldToLoop();
      const input = inputs.get(id);
      if (!input || input.candidate.deletedAt || input.candidate.mergedIntoId) removed.push(id);
      else documents.push(buildCandidateDocument(enrichCandidate(input, now)));
    }
    await this.engine.index(documents, options);
    await this.engine.remove(organizationId, removed);
    this.logger.debug(
      { organizationId, indexed: documents.length, removed: removed.length },
      'indexed candidates',
    );
    return { indexed: documents.length, removed: removed.length };
  }

  /**
   * Rebuilds every document of an organization in batches (npm run reindex), reporting progress.
   * Documents whose candidates no longer exist are removed too.
   */
  async reindexOrganization(
    organizationId: string,
    onProgress: (done: number, total: number) => void = () => undefined,
    batchSize = 500,
  ): Promise<number> {
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(
      'SELECT count(*)::int AS total FROM candidates WHERE organization_id = $1',
      [organizationId],
    );
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.dataSource.query<{ id: string }[]>(
        'SELECT id FROM candidates WHERE organization_id = $1 AND id > $2 ORDER BY id LIMIT $3',
        [organizationId, after, batchSize],
      );
      if (rows.length === 0) break;
      await this.indexCandidates(
        organizationId,
        rows.map((r) => r.id),
        { bulk: true },
      );
      done += rows.length;
      after = rows[rows.length - 1]?.id ?? after;
      onProgress(done, total);
    }
    return done;
  }
}
