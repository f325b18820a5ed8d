import type { Client, estypes } from '@elastic/elasticsearch';
import { itemError } from './es-errors';

/** One bulk action and its document (none for a delete). */
export interface BulkEntry {
  action: estypes.BulkOperationContainer;
  document?: object;
  /** A `create` that may find the document already there (first write wins). */
  mayExist?: boolean;
}

/** Bulk requests are cut at about this many bytes (Elasticsearch accepts 100 MB by default). */
const MAX_BULK_BYTES = 10 * 1024 * 1024;

/** Splits entries into requests of bounded size, keeping their order. Pure. */
export function bulkChunks(
  entries: readonly BulkEntry[],
  maxBytes = MAX_BULK_BYTES,
): BulkEntry[][] {
  const chunks: BulkEntry[][] = [];
  let chunk: BulkEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = (entry.document ? Buffer.byteLength(JSON.stringify(entry.document)) : 0) + 200;
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(entry);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Sends entries with the bulk API and fails on any item that failed (unless it may exist). */
export async function sendBulk(
  client: Client,
  entries: readonly BulkEntry[],
  refresh: estypes.Refresh,
): Promise<void> {
  for (const chunk of bulkChunks(entries)) {
    const response = await client.bulk({
      refresh,
      operations: chunk.flatMap((e) => (e.document ? [e.action, e.document] : [e.action])),
    });
    if (!response.errors) continue;
    for (const [i, item] of response.items.entries()) {
      const result = item.index ?? item.create ?? item.update ?? item.delete;
      if (!result?.error) continue;
      if (result.status === 409 && chunk[i]?.mayExist) continue;
      throw itemError('bulk write', result.status, result.error);
    }
  }
}
