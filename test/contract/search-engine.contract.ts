import { afterAll, beforeAll, describe } from 'vitest';
import type { SearchEngine } from '../../src/search/search-engine';
import { buildSearchDataset, freshDatasetRun } from '../fixtures/search-dataset';
import { customFieldFacetCases } from './search-engine/custom-field-facet-cases';
import { facetCases } from './search-engine/facet-cases';
import { facetSizeCases } from './search-engine/facet-size-cases';
import { filterCases } from './search-engine/filter-cases';
import { highlightCases } from './search-engine/highlight-cases';
import { ContractContext } from './search-engine/harness';
import { insightCases } from './search-engine/insight-cases';
import { isolationCases } from './search-engine/isolation-cases';
import { lookupCases } from './search-engine/lookup-cases';
import { mutationCases } from './search-engine/mutation-cases';
import { queryCases } from './search-engine/query-cases';
import { sortCases } from './search-engine/sort-cases';
import { statusCases } from './search-engine/status-cases';

/** An engine ready for the suite, and how to release what it holds. */
export interface EngineUnderTest {
  engine: SearchEngine;
  cleanup(): Promise<void>;
}

/**
 * The one contract every SearchEngine passes (src/search/SEMANTICS.md), against the hand-written
 * dataset of test/fixtures/search-dataset*.ts with hand-counted answers. Each call indexes the
 * dataset under fresh organization ids, so runs never see each other's documents.
 */
export function searchEngineContract(
  name: string,
  makeEngine: () => Promise<EngineUnderTest>,
): void {
  describe(`SearchEngine contract: ${name}`, () => {
    const ctx = new ContractContext(buildSearchDataset(freshDatasetRun()));
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const made = await makeEngine();
      cleanup = () => made.cleanup();
      ctx.engine = made.engine;
      await made.engine.init();
      const { A, B, C } = ctx.data.documents;
      await made.engine.index([...A, ...B, ...C]);
    });

    afterAll(async () => {
      try {
        // Leave nothing behind in a shared database or cluster.
        if (ctx.started) {
          const { org, documents } = ctx.data;
          await ctx.engine.remove(
            org.A,
            documents.A.map((d) => d.id),
          );
          await ctx.engine.remove(
            org.B,
            documents.B.map((d) => d.id),
          );
          await ctx.engine.remove(org.C, [
            ...documents.C.map((d) => d.id),
            ctx.data.id('cLatecomer'),
          ]);
        }
      } finally {
        await cleanup?.();
      }
    });

    queryCases(ctx);
    filterCases(ctx);
    facetCases(ctx);
    facetSizeCases(ctx);
    statusCases(ctx);
    customFieldFacetCases(ctx);
    insightCases(ctx);
    sortCases(ctx);
    highlightCases(ctx);
    lookupCases(ctx);
    isolationCases(ctx);
    // Changes organization C; keep it last.
    mutationCases(ctx);
  });
}
