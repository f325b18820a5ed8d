/**
 * Readers for the aggregation results we ask for. Responses are JSON the client does not check,
 * so these read defensively: an absent aggregation reads as no buckets and a count of 0.
 */

export type AggregateResult = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A named sub-aggregation. */
export function sub(aggregate: unknown, name: string): AggregateResult | undefined {
  if (!isRecord(aggregate)) return undefined;
  const child = aggregate[name];
  return isRecord(child) ? child : undefined;
}

/** The doc_count of a single-bucket aggregation (filter, nested, reverse_nested, missing). */
export function docCount(aggregate: unknown): number {
  if (!isRecord(aggregate)) return 0;
  const count = aggregate['doc_count'];
  return typeof count === 'number' ? count : 0;
}

export interface TermBucket {
  key: string;
  docCount: number;
  bucket: AggregateResult;
}

/** The buckets of a terms aggregation, in response order. */
export function termBuckets(aggregate: unknown): TermBucket[] {
  if (!isRecord(aggregate) || !Array.isArray(aggregate['buckets'])) return [];
  return (aggregate['buckets'] as unknown[]).filter(isRecord).map((bucket) => ({
    key: String(bucket['key']),
    docCount: docCount(bucket),
    bucket,
  }));
}

/** The doc counts of a keyed filters aggregation, by key. */
export function keyedCounts(aggregate: unknown): Record<string, number> {
  if (!isRecord(aggregate) || !isRecord(aggregate['buckets'])) return {};
  return Object.fromEntries(
    Object.entries(aggregate['buckets']).map(([key, bucket]) => [key, docCount(bucket)]),
  );
}

/** Whether a terms aggregation left values out (sum_other_doc_count > 0). */
export function hasOtherTerms(aggregate: unknown): boolean {
  if (!isRecord(aggregate)) return false;
  const other = aggregate['sum_other_doc_count'];
  return typeof other === 'number' && other > 0;
}

/** Code point order (= Elasticsearch's byte order of keywords = postgres "C" collation). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
