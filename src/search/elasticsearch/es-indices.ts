import { errors, type Client, type estypes } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CandidateDocument } from '../candidate-document';
import { sendBulk, type BulkEntry } from './es-bulk';
import { isCustomFieldLabelGroup } from '../document-values';
import { labelId, toEsDocument } from './es-document';
import { isAlreadyExists } from './es-errors';
import { FIELDS } from './es-fields';
import {
  CANDIDATE_MAPPINGS,
  CANDIDATE_SETTINGS,
  LABEL_MAPPINGS,
  MAPPING_VERSION,
  type IndexNames,
} from './es-mapping';

/**
 * Index administration: creating the indices, and moving the candidates alias to a new mapping
 * version by rebuilding the new index from the documents stored in the old one (reindex, then
 * swap). I/O only; the mapping and the document transform are pure and live beside this file.
 */

export interface MigrationOptions {
  /** Documents per scroll page and bulk request while copying. Default 500. */
  batchSize?: number;
  /** How long a process waits for another one's reindex to finish. Default 30 minutes. */
  waitMs?: number;
  /** Polling interval while waiting. Default 2 seconds. */
  pollMs?: number;
}

const SCROLL_KEEP_ALIVE = '5m';

/**
 * Creates the labels index and the candidates index with its alias when missing; when the alias
 * points at an older mapping version, rebuilds the current version from it and swaps. Safe to
 * call from several processes at once: the one that creates the new index does the reindex,
 * the others wait for the alias to move.
 */
export async function ensureIndices(
  client: Client,
  names: IndexNames,
  options: MigrationOptions = {},
): Promise<void> {
  await createIndex(client, names.labels, { mappings: LABEL_MAPPINGS });
  const targets = await aliasTargets(client, names.alias);
  if (targets.length === 0) {
    const created = await createIndex(client, names.index, {
      settings: CANDIDATE_SETTINGS,
      mappings: CANDIDATE_MAPPINGS,
      aliases: { [names.alias]: {} },
    });
    // The index was there without the alias (created by hand, or the alias was removed).
    if (!created) await client.indices.putAlias({ index: names.index, name: names.alias });
    return;
  }
  const [current, ...others] = targets;
  if (current === undefined || others.length > 0) {
    throw new Error(`the alias ${names.alias} points at several indices (${targets.join(', ')})`);
  }
  if (current === names.index) return;
  const version = Number(names.versioned.exec(current)?.[1]);
  if (!Number.isInteger(version)) {
    throw new Error(`the alias ${names.alias} points at ${current}, not a candidates index`);
  }
  if (version > MAPPING_VERSION) {
    throw new Error(
      `${current} has mapping version ${version}, newer than this build's ${MAPPING_VERSION}`,
    );
  }
  await reindexCandidates(client, names, current, options);
}

/**
 * Rebuilds the current mapping version from `from`: creates the new index, copies every stored
 * CandidateDocument through toEsDocument (scroll + bulk), then moves the alias in one atomic
 * updateAliases call and deletes the old index. Returns the number of documents copied (0 when
 * another process owns the reindex and this one only waited for it).
 *
 * Writes that reach `from` while the copy runs are not carried over: run it before any indexer
 * writes with the new code (init() does, at startup), and stop workers of the old version first.
 */
export async function reindexCandidates(
  client: Client,
  names: IndexNames,
  from: string,
  options: MigrationOptions = {},
): Promise<number> {
  const owner = await createIndex(client, names.index, {
    settings: CANDIDATE_SETTINGS,
    mappings: CANDIDATE_MAPPINGS,
  });
  if (!owner) {
    await waitForAlias(client, names, options);
    return 0;
  }
  const copied = await copyCandidates(
    client,
    from,
    names.index,
    options.batchSize ?? 500,
    names.labels,
  );
  await client.indices.refresh({ index: names.index });
  await client.indices.updateAliases({
    actions: [
      { remove: { index: from, alias: names.alias } },
      { add: { index: names.index, alias: names.alias } },
    ],
  });
  await client.indices.delete({ index: from });
  return copied;
}

/**
 * Copies the documents of one candidates index into another, rebuilt from their `document`.
 * With `labels`, the labels a mapping version may have added (custom field values, version 3)
 * are created there too; labels already stored stay as they are.
 */
export async function copyCandidates(
  client: Client,
  from: string,
  to: string,
  batchSize: number,
  labels?: string,
): Promise<number> {
  let page = await client.search<StoredSource>({
    index: from,
    scroll: SCROLL_KEEP_ALIVE,
    size: batchSize,
    sort: ['_doc'],
    _source: [FIELDS.document],
    query: { match_all: {} },
  });
  let scrollId = page._scroll_id;
  let copied = 0;
  try {
    while (page.hits.hits.length > 0) {
      await sendBulk(
        client,
        page.hits.hits.flatMap((hit) => copyEntries(to, labels, hit)),
        false,
      );
      copied += page.hits.hits.length;
      if (!scrollId) break;
      page = await client.scroll<StoredSource>({ scroll_id: scrollId, scroll: SCROLL_KEEP_ALIVE });
      scrollId = page._scroll_id ?? scrollId;
    }
  } finally {
    // Best effort: an uncleared scroll expires by itself after SCROLL_KEEP_ALIVE.
    if (scrollId) await client.clearScroll({ scroll_id: scrollId }).catch(() => undefined);
  }
  return copied;
}

interface StoredSource {
  document?: CandidateDocument;
}

function copyEntries(
  to: string,
  labels: string | undefined,
  hit: estypes.SearchHit<StoredSource>,
): BulkEntry[] {
  const document = hit._source?.document;
  if (!document) throw new Error(`${hit._index}/${hit._id ?? '?'} has no stored document`);
  const parts = toEsDocument(document);
  const candidate: BulkEntry = {
    action: { index: { _index: to, _id: document.id, routing: document.organizationId } },
    document: parts.source,
  };
  if (!labels) return [candidate];
  const customFieldLabels = parts.labels
    .filter((l) => isCustomFieldLabelGroup(l.facet))
    .map((label): BulkEntry => ({
      action: {
        create: { _index: labels, _id: labelId(label.organizationId, label.facet, label.value) },
      },
      document: label,
      mayExist: true,
    }));
  return [candidate, ...customFieldLabels];
}

/** Creates an index; false when it already exists. */
async function createIndex(
  client: Client,
  index: string,
  body: Omit<estypes.IndicesCreateRequest, 'index'>,
): Promise<boolean> {
  try {
    await client.indices.create({ index, ...body });
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

async function aliasTargets(client: Client, alias: string): Promise<string[]> {
  try {
    return Object.keys(await client.indices.getAlias({ name: alias }));
  } catch (error) {
    if (error instanceof errors.ResponseError && error.statusCode === 404) return [];
    throw error;
  }
}

async function waitForAlias(
  client: Client,
  names: IndexNames,
  options: MigrationOptions,
): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? 30 * 60_000);
  for (;;) {
    const targets = await aliasTargets(client, names.alias);
    if (targets.length === 1 && targets[0] === names.index) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `${names.index} exists but ${names.alias} does not point at it: another process is ` +
          `reindexing, or a reindex was interrupted (delete ${names.index} to start over)`,
      );
    }
    await sleep(options.pollMs ?? 2_000);
  }
}
