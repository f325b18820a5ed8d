/**
 * Harvest v3 list mechanics: `per_page` (1–500, default 100) and filters on the first request,
 * then a `Link: <…?cursor=X>; rel="next"` whose URL carries nothing but the cursor. Sending any
 * other parameter with a cursor is a 422. No `rel="last"`, no counts. Filters travel inside the
 * opaque cursor, so later pages cannot change them.
 */
import { z } from 'zod';
import { positionsFrom, type OrderedCollection } from '../generator/ordered-collection';
import type { SimRequest, SimResponse } from '../common/http-server';
import { json } from '../common/http-server';
import { decodeOpaque, encodeOpaque } from '../common/opaque-token';
import { greenhouseError } from './greenhouse-errors';

export const MAX_PER_PAGE = 500;
const DEFAULT_PER_PAGE = 100;

/** Where a scan stands: a position in the parent order, and an offset among its children. */
export interface ScanPosition {
  p: number;
  o: number;
}

export interface Scanner<T> {
  /** `only`: the parent positions that can hold a match (ascending); the rest are skipped. */
  scan(
    from: ScanPosition,
    limit: number,
    filter: (record: T) => boolean,
    only?: readonly number[],
  ): { items: T[]; next: ScanPosition | null };
}

/** A query parameter's predicate, or the reason it is invalid. */
export type QueryFilter<T> = (value: string) => ((record: T) => boolean) | { error: string };

export interface ListDefinition<T> {
  resource: string;
  scanner: Scanner<T>;
  filters: Record<string, QueryFilter<T>>;
  serialize: (record: T) => unknown;
  /**
   * Filters Greenhouse answers from an index (`candidate_ids=`): the parent positions a value can
   * match, so a page of 50 ids does not scan every candidate. Only for scanners that take `only`.
   */
  indexed?: Record<string, (value: string) => number[]>;
}

const cursorSchema = z.object({
  r: z.string(),
  p: z.number().int().min(0),
  o: z.number().int().min(0),
  q: z.string(),
  n: z.number().int(),
});

export function listResponse<T>(
  def: ListDefinition<T>,
  req: SimRequest,
  baseUrl: string,
): SimResponse {
  let position: ScanPosition = { p: 0, o: 0 };
  let filterQuery: URLSearchParams;
  let perPage: number;

  const cursorParam = req.query.get('cursor');
  if (cursorParam !== null) {
    const others = [...req.query.keys()].filter((k) => k !== 'cursor');
    if (others.length > 0) {
      return greenhouseError(
        422,
        `A cursor request may not carry other parameters (got ${others.join(', ')}).`,
        others[0],
      );
    }
    const cursor = decodeOpaque(cursorSchema, cursorParam);
    if (!cursor || cursor.r !== def.resource)
      return greenhouseError(422, 'Invalid cursor.', 'cursor');
    position = { p: cursor.p, o: cursor.o };
    filterQuery = new URLSearchParams(cursor.q);
    perPage = cursor.n;
  } else {
    const raw = req.query.get('per_page');
    perPage = raw === null ? DEFAULT_PER_PAGE : Number(raw);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
      return greenhouseError(
        422,
        `per_page must be an integer from 1 to ${MAX_PER_PAGE}.`,
        'per_page',
      );
    }
    filterQuery = new URLSearchParams([...req.query].filter(([k]) => k !== 'per_page'));
  }

  const predicates: Array<(record: T) => boolean> = [];
  for (const [name, value] of filterQuery) {
    const build = def.filters[name];
    // Unknown parameters are ignored rather than refused (UNCONFIRMED which one v3 does).
    if (!build) continue;
    const predicate = build(value);
    if (typeof predicate !== 'function') return greenhouseError(422, predicate.error, name);
    predicates.push(predicate);
  }
  const filter = (record: T): boolean => predicates.every((p) => p(record));
  const index = Object.entries(def.indexed ?? {}).find(([name]) => filterQuery.has(name));
  const only = index
    ? [...new Set(index[1](filterQuery.get(index[0]) ?? ''))].sort((a, b) => a - b)
    : undefined;
  const page = def.scanner.scan(position, perPage, filter, only);
  const headers: Record<string, string> = {};
  if (page.next) {
    const cursor = encodeOpaque({
      r: def.resource,
      p: page.next.p,
      o: page.next.o,
      q: filterQuery.toString(),
      n: perPage,
    });
    headers['link'] = `<${baseUrl}/v3/${def.resource}?cursor=${cursor}>; rel="next"`;
  }
  return json(200, page.items.map(def.serialize), headers);
}

/** Records of a change-logged collection. */
export function collectionScanner<T extends { key: string }>(
  collection: OrderedCollection<T>,
): Scanner<T> {
  return {
    scan: (from, limit, filter, only) => {
      const page = collection.scan(from.p, limit, filter, only);
      return { items: page.items, next: page.next === null ? null : { p: page.next, o: 0 } };
    },
  };
}

/** A small fixed (or computed) list. */
export function arrayScanner<T>(items: () => readonly T[]): Scanner<T> {
  return {
    scan: (from, limit, filter) => {
      const all = items().filter(filter);
      const end = from.p + limit;
      return { items: all.slice(from.p, end), next: end < all.length ? { p: end, o: 0 } : null };
    },
  };
}

/** Children flattened across parents (attachments, educations, employments of candidates). */
export function nestedScanner<P extends { key: string }, C>(
  parents: OrderedCollection<P>,
  childrenOf: (parent: P) => readonly C[],
): Scanner<C> {
  return {
    scan: (from, limit, filter, only) => {
      const items: C[] = [];
      for (const p of positionsFrom(from.p, parents.length, only)) {
        const parent = parents.at(p);
        if (!parent) continue;
        const children = childrenOf(parent);
        for (let o = p === from.p ? from.o : 0; o < children.length; o++) {
          const child = children[o] as C;
          if (!filter(child)) continue;
          if (items.length === limit) return { items, next: { p, o } };
          items.push(child);
        }
      }
      return { items, next: null };
    },
  };
}

const TIME_OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  gte: (a, b) => a >= b,
  gt: (a, b) => a > b,
  lte: (a, b) => a <= b,
  lt: (a, b) => a < b,
};

/** `updated_at=gte|2024-01-01T00:00:00Z` (comma-join several to bound both ends). */
export function timeFilter<T>(timeOf: (record: T) => number): QueryFilter<T> {
  return (value) => {
    const conditions: Array<(t: number) => boolean> = [];
    for (const part of value.split(',')) {
      const [op, iso] = part.split('|');
      const compare = op ? TIME_OPERATORS[op] : undefined;
      const at = iso ? Date.parse(iso) : NaN;
      if (!compare || Number.isNaN(at))
        return { error: `Expected operator|ISO-8601 time (gte, gt, lte, lt), got "${part}".` };
      conditions.push((t) => compare(t, at));
    }
    return (record) => conditions.every((c) => c(timeOf(record)));
  };
}

/** `ids=1,2,3`-style filters over numeric ids. */
export function idListFilter<T>(
  idsOf: (record: T) => ReadonlyArray<number | null>,
): QueryFilter<T> {
  return (value) => {
    const wanted = value.split(',').map((v) => Number(v.trim()));
    if (wanted.some((n) => !Number.isInteger(n)))
      return { error: `Expected a comma-separated list of ids, got "${value}".` };
    const set = new Set(wanted);
    return (record) => idsOf(record).some((id) => id !== null && set.has(id));
  };
}

/** Exact match on one of a few allowed values. */
export function enumFilter<T>(
  allowed: readonly string[],
  valueOf: (record: T) => string,
): QueryFilter<T> {
  return (value) => {
    const wanted = value.split(',');
    const bad = wanted.find((w) => !allowed.includes(w));
    if (bad) return { error: `Unknown value "${bad}"; expected one of ${allowed.join(', ')}.` };
    return (record) => wanted.includes(valueOf(record));
  };
}
