import { randomBytes } from 'node:crypto';
import { ElasticsearchSearchEngine } from '../../src/search/elasticsearch/elasticsearch-engine';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { sharedDataSource } from '../helpers/database';
import { searchEngineContract, type EngineUnderTest } from './search-engine.contract';

/**
 * Runs the one search-engine contract against every engine this environment has: always the
 * postgres engine (on the shared, migrated test database), and elasticsearch when
 * ELASTICSEARCH_URL is set. An engine that is not available is simply not in the list.
 */
const engines: { name: string; start: () => Promise<EngineUnderTest> }[] = [
  {
    name: 'postgres',
    start: async () => {
      const dataSource = await sharedDataSource();
      const engine = new PostgresSearchEngine(dataSource);
      return {
        engine,
        cleanup: async () => {
          await engine.close();
          await dataSource.destroy();
        },
      };
    },
  },
];

const elasticsearchUrl = process.env['ELASTICSEARCH_URL'];
if (elasticsearchUrl) {
  engines.push({
    name: 'elasticsearch',
    start: () => {
      const engine = new ElasticsearchSearchEngine({
        node: elasticsearchUrl,
        indexPrefix: `rediscover-test-${randomBytes(4).toString('hex')}`,
      });
      return Promise.resolve({ engine, cleanup: () => engine.close() });
    },
  });
}

for (const { name, start } of engines) searchEngineContract(name, start);
