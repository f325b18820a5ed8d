import type * as EngineModule from '../../src/search/elasticsearch/elasticsearch-engine';
import type * as MappingModule from '../../src/search/elasticsearch/es-mapping';
import type { SearchEngine } from '../../src/search/search-engine';

// Paths held in variables: the modules load only when this peer runs (and may not exist yet).
const ENGINE_MODULE = '../../src/search/elasticsearch/elasticsearch-engine';
const MAPPING_MODULE = '../../src/search/elasticsearch/es-mapping';

/** The Elasticsearch engine on a throwaway index prefix, and how to drop its indices after. */
export interface BenchElasticsearch {
  engine: SearchEngine;
  /** Makes everything indexed so far searchable (the load writes as a bulk load: no waiting). */
  refresh(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts the Elasticsearch engine against ELASTICSEARCH_URL. Imported lazily, so the benchmark
 * runs (without this peer) where the engine or the cluster is not there.
 */
export async function startBenchElasticsearch(node: string): Promise<BenchElasticsearch> {
  const { Client } = await import('@elastic/elasticsearch');
  const { ElasticsearchSearchEngine } = (await import(ENGINE_MODULE)) as typeof EngineModule;
  const { indexNames } = (await import(MAPPING_MODULE)) as typeof MappingModule;
  const indexPrefix = `rediscover-bench-${process.pid}`;
  const client = new Client({ node });
  const engine = new ElasticsearchSearchEngine({ node, indexPrefix, client });
  await engine.init();
  return {
    engine,
    refresh: async () => {
      await client.indices.refresh({ index: indexNames(indexPrefix).alias });
    },
    dispose: async () => {
      const names = indexNames(indexPrefix);
      await client.indices.delete({ index: [names.index, names.labels], ignore_unavailable: true });
      await engine.close();
      await client.close();
    },
  };
}
