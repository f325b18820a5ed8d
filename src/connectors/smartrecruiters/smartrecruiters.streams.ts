import type { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { Page, PageRequest } from '../connector';
import type { SyncRecord } from '../records';
import {
  CANDIDATES_STREAM,
  fetchCandidatesPage,
  type CandidateContext,
} from './smartrecruiters.candidates';
import type { SmartRecruitersClient } from './smartrecruiters.client';
import type { SrError } from './smartrecruiters.errors';
import { mapJob, mapReason, mapSourceValue, mapUser } from './smartrecruiters.mapper';
import { mapStages } from './smartrecruiters.stages';
import {
  completeState,
  decodeCursor,
  encodeCursor,
  epochOf,
  newer,
  updatedAfterFor,
} from './smartrecruiters.paging';
import { parseRows, type ParsedRow } from '../shared/validated-rows';
import {
  srHiringProcessSchema,
  srJobSchema,
  srListSchema,
  srReasonSchema,
  srSourceTypeSchema,
  srSourceValueSchema,
  srUserSchema,
  type SrHiringProcess,
  type SrList,
} from './smartrecruiters.schemas';

/**
 * The streams of a SmartRecruiters sync, in the order they must run (reference data before the
 * records pointing at it). Small configuration lists are read whole on every run (SR has no
 * update filter for them); jobs and candidates are paged by `pageId` and read incrementally.
 */
export const SMARTRECRUITERS_STREAMS = [
  'users',
  'sources',
  'rejection_reasons',
  'jobs',
  'stages',
  CANDIDATES_STREAM,
] as const;
export type SmartRecruitersStream = (typeof SMARTRECRUITERS_STREAMS)[number];

export function isSmartRecruitersStream(stream: string): stream is SmartRecruitersStream {
  return (SMARTRECRUITERS_STREAMS as readonly string[]).includes(stream);
}

const PAGE_SIZE = 100;

type Reader = (ctx: CandidateContext, request: PageRequest) => Promise<Result<Page, SrError>>;

export const STREAM_READERS: Record<SmartRecruitersStream, Reader> = {
  users: (ctx, request) =>
    pagedStream(ctx.client, request, {
      stream: 'users',
      path: '/user-api/v201804/users',
      // The user-api spells its page parameter in snake case.
      pageParam: 'page_id',
      updatedParam: null,
      schema: srUserSchema,
      map: (rows) => rows.map((r) => ({ kind: 'user', record: mapUser(r.data, r.raw) })),
      updatedOn: (u) => u.updatedOn,
    }),
  sources: (ctx) => wholeList(() => readSources(ctx.client)),
  rejection_reasons: (ctx) => wholeList(() => readReasons(ctx.client)),
  jobs: (ctx, request) =>
    pagedStream(ctx.client, request, {
      stream: 'jobs',
      path: '/jobs',
      pageParam: 'pageId',
      // The 2017 spec's spelling; newer specs may take `updatedAfter` (UNCONFIRMED).
      updatedParam: 'updated_after',
      schema: srJobSchema,
      map: (rows) => rows.map((r) => ({ kind: 'job', record: mapJob(r.data, r.raw) })),
      updatedOn: (j) => j.updatedOn,
    }),
  stages: (ctx) => wholeList(() => readStages(ctx.client)),
  candidates: fetchCandidatesPage,
};

interface PagedSpec<T> {
  stream: string;
  path: string;
  pageParam: string;
  /** The update filter, or null when the list has none (read whole every run). */
  updatedParam: string | null;
  schema: z.ZodType<T>;
  map: (rows: ParsedRow<T>[]) => SyncRecord[];
  updatedOn: (row: T) => string | null | undefined;
}

async function pagedStream<T>(
  client: SmartRecruitersClient,
  request: PageRequest,
  spec: PagedSpec<T>,
): Promise<Result<Page, SrError>> {
  const cursor = request.cursor ? decodeCursor(request.cursor) : null;
  // A cursor that is not ours (corrupted checkpoint) restarts the stream: duplicates are harmless.
  const updatedAfter = cursor
    ? cursor.updatedAfter
    : request.mode === 'INCREMENTAL' && spec.updatedParam
      ? updatedAfterFor(request.state)
      : null;
  const answer = await client.get(spec.path, {
    limit: PAGE_SIZE,
    ...(spec.updatedParam ? { [spec.updatedParam]: updatedAfter } : {}),
    [spec.pageParam]: cursor?.pageId ?? null,
  });
  if (!answer.ok) return answer;
  const list = readList(spec.path, answer.value.body);
  if (!list.ok) return list;
  const parsed = parseRows(spec.stream, list.value.content, spec.schema);
  let newest = cursor?.newest ?? null;
  for (const row of parsed.rows) newest = newer(newest, epochOf(spec.updatedOn(row.data)));
  const state = { startedAt: cursor?.startedAt ?? answer.value.serverTime, newest };
  const pageId = list.value.content.length > 0 ? (list.value.nextPageId ?? null) : null;
  const complete =
    pageId === null && spec.updatedParam ? completeState(state, request.state) : null;
  return ok({
    records: spec.map(parsed.rows),
    skipped: parsed.skipped,
    nextCursor: pageId === null ? null : encodeCursor({ pageId, updatedAfter, ...state }),
    ...(complete ? { completeState: complete } : {}),
    total: list.value.totalFound ?? null,
  });
}

/** A small list read in one page. */
async function wholeList(
  read: () => Promise<Result<{ records: SyncRecord[]; skipped: Page['skipped'] }, SrError>>,
): Promise<Result<Page, SrError>> {
  const result = await read();
  if (!result.ok) return result;
  return ok({ ...result.value, nextCursor: null, total: result.value.records.length });
}

function readList(path: string, body: unknown): Result<SrList, SrError> {
  const list = srListSchema.safeParse(body);
  return list.success
    ? ok(list.data)
    : err({ kind: 'invalid_response', message: `SmartRecruiters ${path}: not a list` });
}

/** Source types, then the values of each (what assignments point at), offset-paged. */
async function readSources(
  client: SmartRecruitersClient,
): Promise<Result<{ records: SyncRecord[]; skipped: Page['skipped'] }, SrError>> {
  const answer = await client.get('/configuration/sources');
  if (!answer.ok) return answer;
  const list = readList('/configuration/sources', answer.value.body);
  if (!list.ok) return list;
  const types = parseRows('sources', list.value.content, srSourceTypeSchema);
  const records: SyncRecord[] = [];
  const skipped = [...types.skipped];
  const perType = await Promise.all(
    types.rows.map((type) => readSourceValues(client, type.data.id)),
  );
  for (const [i, values] of perType.entries()) {
    const type = types.rows[i];
    if (!values.ok) return values;
    if (!type) continue;
    const rows = parseRows('sources', values.value, srSourceValueSchema);
    skipped.push(...rows.skipped);
    for (const r of rows.rows) {
      records.push({ kind: 'source', record: mapSourceValue(r.data, type.data, r.raw) });
    }
  }
  return ok({ records, skipped });
}

async function readSourceValues(
  client: SmartRecruitersClient,
  typeId: string,
): Promise<Result<unknown[], SrError>> {
  const path = `/configuration/sources/${encodeURIComponent(typeId)}/values`;
  const rows: unknown[] = [];
  for (;;) {
    const answer = await client.get(path, { limit: PAGE_SIZE, offset: rows.length });
    if (!answer.ok) return answer.error.kind === 'not_found' ? ok(rows) : answer;
    const list = readList(path, answer.value.body);
    if (!list.ok) return list;
    rows.push(...list.value.content);
    const total = list.value.totalFound ?? 0;
    if (list.value.content.length === 0 || rows.length >= total) return ok(rows);
  }
}

/** Rejection reasons, and withdrawal reasons (the candidate's side) when the account has them. */
async function readReasons(
  client: SmartRecruitersClient,
): Promise<Result<{ records: SyncRecord[]; skipped: Page['skipped'] }, SrError>> {
  const [rejection, withdrawal] = await Promise.all([
    client.get('/configuration/rejection-reasons'),
    client.get('/configuration/withdrawal-reasons'),
  ]);
  if (!rejection.ok) return rejection;
  if (!withdrawal.ok && withdrawal.error.kind !== 'not_found') return withdrawal;
  const records: SyncRecord[] = [];
  const skipped: Page['skipped'] = [];
  const lists = [
    ['REJECTION', '/configuration/rejection-reasons', rejection.value.body],
    [
      'WITHDRAWAL',
      '/configuration/withdrawal-reasons',
      withdrawal.ok ? withdrawal.value.body : null,
    ],
  ] as const;
  for (const [type, path, body] of lists) {
    if (body === null) continue;
    const list = readList(path, body);
    if (!list.ok) return list;
    const rows = parseRows('rejection_reasons', list.value.content, srReasonSchema);
    skipped.push(...rows.skipped);
    for (const r of rows.rows) {
      records.push({ kind: 'rejection_reason', record: mapReason(r.data, type, r.raw) });
    }
  }
  return ok({ records, skipped });
}

/** Hiring processes with their sub-statuses (read one by one when the list leaves them out). */
export async function readStages(
  client: SmartRecruitersClient,
): Promise<Result<{ records: SyncRecord[]; skipped: Page['skipped'] }, SrError>> {
  const answer = await client.get('/configuration/hiring-processes');
  if (!answer.ok) return answer;
  const list = readList('/configuration/hiring-processes', answer.value.body);
  if (!list.ok) return list;
  const rows = parseRows('stages', list.value.content, srHiringProcessSchema);
  const processes: SrHiringProcess[] = [];
  for (const row of rows.rows) {
    if (row.data.subStatuses) {
      processes.push(row.data);
      continue;
    }
    const one = await client.get(
      `/configuration/hiring-processes/${encodeURIComponent(row.data.id)}`,
    );
    if (!one.ok) {
      if (one.error.kind === 'not_found') continue;
      return one;
    }
    const parsed = srHiringProcessSchema.safeParse(one.value.body);
    processes.push(parsed.success ? parsed.data : row.data);
  }
  const records = mapStages(processes).map((record): SyncRecord => ({ kind: 'stage', record }));
  return ok({ records, skipped: rows.skipped });
}
