import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ElasticsearchSearchEngine } from '../../src/search/elasticsearch/elasticsearch-engine';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { sharedDataSource } from '../helpers/database';
import { dropIndices } from '../setup/search-node';
import { searchEngineContract, type EngineUnderTest } from './search-engine.contract';

/**
 * Runs the one search-engine contract against every engine this environment has: always the
 * postgres engine (on the shared, migrated test database), and elasticsearch when the run has a
 * node (test/setup/global-setup.ts starts one where Java is, or takes ELASTICSEARCH_URL). An
 * engine that is not available is simply not in the list.
 */
const engines: { name: string; start: () => Promise<EngineUnderTest> }[] = (
  ['always', 'never'] as const
).map((memoryFacets) => ({
  // Both ways the postgres engine counts facets: in memory, and with SQL GROUP BY queries.
  name: `postgres (memoryFacets: ${memoryFacets})`,
  start: async () => {
    const dataSource = await sharedDataSource();
    const engine = new PostgresSearchEngine(dataSource, { memoryFacets });
    return {
      engine,
      cleanup: async () => {
        await engine.close();
        await dataSource.destroy();
      },
    };
  },
}));

const elasticsearchUrl = inject('elasticsearchUrl');
if (elasticsearchUrl) {
  engines.push({
    name: 'elasticsearch',
    start: () => {
      const indexPrefix = `${inject('elasticsearchPrefix')}-${randomBytes(4).toString('hex')}`;
      const engine = new ElasticsearchSearchEngine({ node: elasticsearchUrl, indexPrefix });
      return Promise.resolve({
        engine,
        cleanup: async () => {
          await engine.close();
          await dropIndices(elasticsearchUrl, indexPrefix);
        },
      });
    },
  });
}

for (const { name, start } of engines) searchEngineContract(name, start);
