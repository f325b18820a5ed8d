import type { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError, Page, PageRequest } from '../connector';
import type { SkippedRecord } from '../records';
import type { AshbyClient, AshbyMethod } from './ashby.client';
import type { AshbyLookups } from './ashby.lookups';

/**
 * Reading Ashby list results: each item validated on its own (a malformed record is reported and
 * skipped, the rest of the page kept), and whole small lists read by following `nextCursor`.
 */

/** What a stream reader works with. */
export interface StreamContext {
  client: AshbyClient;
  lookups: AshbyLookups;
}

export type StreamReader = (
  ctx: StreamContext,
  request: PageRequest,
) => Promise<Result<Page, ConnectorError>>;

export interface ParsedItem<T> {
  value: T;
  /** The item exactly as received, unknown fields included. */
  raw: Record<string, unknown>;
}

export interface ParsedItems<T> {
  items: ParsedItem<T>[];
  skipped: SkippedRecord[];
}

/** A runaway cursor must not loop forever; reference lists are far smaller than this. */
const MAX_LOOKUP_PAGES = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssues(error: z.ZodError): string {
  const text = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

export function parseItems<S extends z.ZodType>(
  stream: string,
  results: unknown,
  schema: S,
): Result<ParsedItems<z.infer<S>>, ConnectorError> {
  if (!Array.isArray(results)) {
    return err({ kind: 'invalid_response', message: `Ashby ${stream}: results is not a list` });
  }
  const parsed: ParsedItems<z.infer<S>> = { items: [], skipped: [] };
  for (const item of results as unknown[]) {
    const result = schema.safeParse(item);
    if (result.success && isRecord(item)) {
      parsed.items.push({ value: result.data, raw: item });
      continue;
    }
    const id = isRecord(item) && typeof item['id'] === 'string' ? item['id'] : null;
    parsed.skipped.push({
      stream,
      remoteId: id,
      reason: result.success ? 'not an object' : describeIssues(result.error),
    });
  }
  return ok(parsed);
}

/** Every page of a small list (reference data), malformed items skipped. */
export async function readAll<S extends z.ZodType>(
  client: AshbyClient,
  method: AshbyMethod,
  body: Record<string, unknown>,
  schema: S,
): Promise<Result<ParsedItems<z.infer<S>>, ConnectorError>> {
  const all: ParsedItems<z.infer<S>> = { items: [], skipped: [] };
  let cursor: string | null = null;
  for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
    const response = await client.call(method, cursor ? { ...body, cursor } : body);
    if (!response.ok) return response;
    const parsed = parseItems(method, response.value.results, schema);
    if (!parsed.ok) return parsed;
    all.items.push(...parsed.value.items);
    all.skipped.push(...parsed.value.skipped);
    cursor = response.value.moreDataAvailable ? (response.value.nextCursor ?? null) : null;
    if (!cursor) return ok(all);
  }
  return err({
    kind: 'invalid_response',
    message: `Ashby ${method}: more than ${MAX_LOOKUP_PAGES} pages`,
  });
}
