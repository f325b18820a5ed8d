import type { BenchQuery } from './query-mix';

/**
 * Something the benchmark sends the query mix to: one of our engines, Orama, or the naive SQL.
 * Each answers a `BenchQuery` its own way and resolves to the number of matching candidates
 * (search kinds: the total count; insights: the candidates counted by the first dimension;
 * lookup: the matches of the batch), so the report can show that peers did comparable work.
 */
export interface QueryPeer {
  readonly name: string;
  run(query: BenchQuery): Promise<number>;
}
