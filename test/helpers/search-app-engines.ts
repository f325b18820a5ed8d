import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dropIndices } from '../setup/search-node';

/** The app's search settings for one engine, and how to drop what it left behind. */
export interface SearchAppEngine {
  engine: 'postgres' | 'elasticsearch';
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

/**
 * Every engine an e2e search test runs the app with: postgres always, elasticsearch when the run
 * has a node (test/setup/search-node.ts lists the files that get one), each on fresh indices.
 */
export function searchAppEngines(): SearchAppEngine[] {
  const engines: SearchAppEngine[] = [
    { engine: 'postgres', env: { SEARCH_ENGINE: 'postgres' }, cleanup: () => Promise.resolve() },
  ];
  const url = inject('elasticsearchUrl');
  if (url) {
    const prefix = `${inject('elasticsearchPrefix')}-${randomBytes(4).toString('hex')}`;
    engines.push({
      engine: 'elasticsearch',
      env: {
        SEARCH_ENGINE: 'elasticsearch',
        ELASTICSEARCH_URL: url,
        ELASTICSEARCH_INDEX_PREFIX: prefix,
      },
      cleanup: () => dropIndices(url, prefix),
    });
  }
  return engines;
}
