import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ElasticsearchSearchEngine } from './elasticsearch/elasticsearch-engine';
import { PostgresSearchEngine } from './postgres/postgres-engine';
import type { SearchEngine } from './search-engine';

/**
 * The one place the search engine is chosen (SEARCH_ENGINE / ELASTICSEARCH_URL), for the app
 * (src/main.ts) and the reindex command alike.
 */
export function createSearchEngine(config: AppConfig, dataSource: DataSource): SearchEngine {
  const search = config.search;
  if (search.engine === 'elasticsearch' && search.elasticsearchUrl) {
    return new ElasticsearchSearchEngine({
      node: search.elasticsearchUrl,
      indexPrefix: search.indexPrefix,
      requestTimeoutMs: search.elasticsearchRequestTimeoutMs,
      maxRetries: search.elasticsearchMaxRetries,
    });
  }
  return new PostgresSearchEngine(dataSource, {
    memoryFacets: search.memoryFacets,
    memoryMaxCandidates: search.memoryMaxCandidates,
  });
}
