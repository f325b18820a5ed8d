import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError, Page } from '../connector';
import type { SyncRecord } from '../records';
import type { AshbyMethod } from './ashby.client';
import {
  mapApplication,
  mapArchiveReason,
  mapCandidate,
  mapJob,
  mapSource,
  mapUser,
} from './ashby.mapper';
import { parseItems, type ParsedItem, type StreamContext, type StreamReader } from './ashby.pages';
import {
  ashbyApplicationSchema,
  ashbyArchiveReasonSchema,
  ashbyCandidateSchema,
  ashbyJobSchema,
  ashbySourceSchema,
  ashbyUserSchema,
} from './ashby.schemas';
import { readStagesPage } from './ashby.stages';

/**
 * The streams of an Ashby mirror, in the order they must run: reference data, jobs, stages,
 * then candidates and the applications pointing at all of them.
 *
 * List streams page with Ashby's own `nextCursor` (limit 100). Those whose endpoint takes a
 * `syncToken` keep `{ syncToken }` as their state: an INCREMENTAL run sends it (on every page,
 * with the cursor) and gets only what changed; every run, FULL or INCREMENTAL, hands the last
 * page's new token back as `completeState`, so the next run can be incremental. The others are
 * small and re-read whole each time.
 */

export const ASHBY_STREAMS = [
  'users',
  'sources',
  'archive_reasons',
  'jobs',
  'stages',
  'candidates',
  'applications',
] as const;
export type AshbyStream = (typeof ASHBY_STREAMS)[number];

const PAGE_SIZE = 100;

/** State kept between runs; anything else found there is ignored (the run reads everything). */
const syncStateSchema = z.object({ syncToken: z.string().min(1) });

interface ListStream<S extends z.ZodType> {
  stream: AshbyStream;
  method: AshbyMethod;
  /** Extra request fields (include archived/deactivated records: old data still points at them). */
  body: Record<string, unknown>;
  schema: S;
  /** The endpoint takes `syncToken`. */
  incremental: boolean;
  /** The endpoint takes `limit` (lists documented as single-page do not get one). */
  paginated: boolean;
  map(
    ctx: StreamContext,
    items: ParsedItem<z.infer<S>>[],
    firstPage: boolean,
  ): Promise<Result<SyncRecord[], ConnectorError>>;
}

function listReader<S extends z.ZodType>(def: ListStream<S>): StreamReader {
  return async (ctx, request) => {
    const state = syncStateSchema.safeParse(request.state);
    const syncToken =
      def.incremental && request.mode === 'INCREMENTAL' && state.success
        ? state.data.syncToken
        : undefined;
    const response = await ctx.client.call(def.method, {
      ...def.body,
      ...(def.paginated ? { limit: PAGE_SIZE } : {}),
      ...(syncToken ? { syncToken } : {}),
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    if (!response.ok) return response;
    const { results, moreDataAvailable, nextCursor } = response.value;
    if (moreDataAvailable && !nextCursor) {
      return err({
        kind: 'invalid_response',
        message: `Ashby ${def.method}: more data announced without a cursor`,
      });
    }
    const parsed = parseItems(def.stream, results, def.schema);
    if (!parsed.ok) return parsed;
    const records = await def.map(ctx, parsed.value.items, request.cursor === null);
    if (!records.ok) return records;

    const page: Page = {
      records: records.value,
      skipped: parsed.value.skipped,
      nextCursor: moreDataAvailable && nextCursor ? nextCursor : null,
    };
    if (page.nextCursor === null) {
      const token = def.incremental ? response.value.syncToken : null;
      page.completeState = token ? { syncToken: token } : {};
    }
    return ok(page);
  };
}

const mapped = (records: SyncRecord[]): Promise<Result<SyncRecord[], ConnectorError>> =>
  Promise.resolve(ok(records));

export const STREAM_READERS: Record<AshbyStream, StreamReader> = {
  users: listReader({
    stream: 'users',
    method: 'user.list',
    body: { includeDeactivated: true },
    schema: ashbyUserSchema,
    incremental: true,
    paginated: true,
    map: (_ctx, items) =>
      mapped(items.map(({ value, raw }) => ({ kind: 'user', record: mapUser(value, raw) }))),
  }),

  sources: listReader({
    stream: 'sources',
    method: 'source.list',
    body: { includeArchived: true },
    schema: ashbySourceSchema,
    incremental: false,
    paginated: true,
    map: (_ctx, items) =>
      mapped(items.map(({ value, raw }) => ({ kind: 'source', record: mapSource(value, raw) }))),
  }),

  archive_reasons: listReader({
    stream: 'archive_reasons',
    method: 'archiveReason.list',
    body: { includeArchived: true },
    schema: ashbyArchiveReasonSchema,
    incremental: false,
    paginated: false,
    map: (_ctx, items) =>
      mapped(
        items.map(({ value, raw }) => ({
          kind: 'rejection_reason',
          record: mapArchiveReason(value, raw),
        })),
      ),
  }),

  jobs: listReader({
    stream: 'jobs',
    method: 'job.list',
    // Every status, explicitly: old applications point at closed and archived jobs too.
    body: { status: ['Draft', 'Open', 'Closed', 'Archived'] },
    schema: ashbyJobSchema,
    incremental: true,
    paginated: true,
    map: async (ctx, items, firstPage) => {
      if (firstPage) ctx.lookups.invalidate('jobs');
      const lookups = await ctx.lookups.jobLookups();
      if (!lookups.ok) return lookups;
      return ok(
        items.map(({ value, raw }) => ({ kind: 'job', record: mapJob(value, raw, lookups.value) })),
      );
    },
  }),

  stages: readStagesPage,

  candidates: listReader({
    stream: 'candidates',
    method: 'candidate.list',
    body: {},
    schema: ashbyCandidateSchema,
    incremental: true,
    paginated: true,
    map: async (ctx, items, firstPage) => {
      if (firstPage) ctx.lookups.invalidate('customFields');
      const types = await ctx.lookups.customFieldTypes();
      if (!types.ok) return types;
      return ok(
        items.map(({ value, raw }) => ({
          kind: 'candidate',
          record: mapCandidate(value, raw, types.value),
        })),
      );
    },
  }),

  applications: listReader({
    stream: 'applications',
    method: 'application.list',
    body: {},
    schema: ashbyApplicationSchema,
    incremental: true,
    paginated: true,
    map: async (ctx, items) => {
      const types = await ctx.lookups.customFieldTypes();
      if (!types.ok) return types;
      return ok(
        items.map(({ value, raw }) => ({
          kind: 'application',
          record: mapApplication(value, raw, types.value),
        })),
      );
    },
  }),
};

export function isAshbyStream(stream: string): stream is AshbyStream {
  return (ASHBY_STREAMS as readonly string[]).includes(stream);
}
