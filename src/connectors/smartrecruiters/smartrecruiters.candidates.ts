import type { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { Page, PageRequest } from '../connector';
import type { ApplicationRecord, CandidateRecord, SkippedRecord, SyncRecord } from '../records';
import type { SmartRecruitersClient } from './smartrecruiters.client';
import type { SrError } from './smartrecruiters.errors';
import type { HiringTeams } from './smartrecruiters.hiring-teams';
import { assignmentsOf, mapApplication, mapCandidate } from './smartrecruiters.mapper';
import {
  completeState,
  decodeCursor,
  encodeCursor,
  epochOf,
  newer,
  updatedAfterFor,
  type ListCursor,
} from './smartrecruiters.paging';
import { mapLimited } from '../shared/map-limited';
import { parseRow, parseRows } from '../shared/validated-rows';
import {
  srAttachmentSchema,
  srCandidateDetailsSchema,
  srCandidateSummarySchema,
  srListSchema,
  srPropertySchema,
  type SrAttachment,
  type SrCandidateDetails,
  type SrProperty,
} from './smartrecruiters.schemas';

/**
 * The candidates stream, and the one-candidate read behind it.
 *
 * GET /candidates gives a page of 100 summaries (one call at a time, §3.7), but no phone, web
 * links, experience, education, nor the source and reasons of each assignment: those come from
 * GET /candidates/{id}. Files come from /attachments and custom fields from /properties. So each
 * page costs 1 list call plus 2–3 calls per candidate, run {@link DETAIL_WORKERS} candidates at a
 * time (their calls in parallel) through the shared gate, which keeps all of them within SR's
 * 10 per second and 8 in flight. Applications are the candidate's assignments, emitted with it.
 */

export const CANDIDATES_STREAM = 'candidates';
const PAGE_SIZE = 100;
/** Candidates read at once; with 2–3 calls each that keeps the gate's 8 slots busy. */
const DETAIL_WORKERS = 4;

export interface CandidateContext {
  client: SmartRecruitersClient;
  hiringTeams: HiringTeams;
  /**
   * Read custom fields (`/properties`): one more call per candidate. Turned off for the rest of
   * the connector's life once SR says these credentials may not read them.
   */
  readProperties: boolean;
}

export interface LoadedCandidate {
  details: SrCandidateDetails;
  raw: Record<string, unknown>;
  attachments: SrAttachment[];
  properties: SrProperty[];
  /** Attachment or property rows that could not be read. */
  skipped: SkippedRecord[];
}

type Loaded = LoadedCandidate | null | { skipped: SkippedRecord };

const path = (id: string, sub = ''): string => `/candidates/${encodeURIComponent(id)}${sub}`;

/** Details, files and custom fields of one candidate; null when the candidate is gone. */
export async function loadCandidate(
  ctx: CandidateContext,
  id: string,
): Promise<Result<Loaded, SrError>> {
  const [details, attachments, properties] = await Promise.all([
    ctx.client.get(path(id)),
    ctx.client.get(path(id, '/attachments')),
    ctx.readProperties ? ctx.client.get(path(id, '/properties')) : Promise.resolve(null),
  ]);
  if (!details.ok) return details.error.kind === 'not_found' ? ok(null) : details;
  const parsed = parseRow(CANDIDATES_STREAM, details.value.body, srCandidateDetailsSchema);
  if ('skipped' in parsed) return ok({ skipped: { ...parsed.skipped, remoteId: id } });
  // An id that answers with another candidate was merged away: the one asked for is gone.
  if (parsed.data.id !== id) return ok(null);

  const skipped: SkippedRecord[] = [];
  const files = contentOf(id, 'attachment', attachments, srAttachmentSchema, skipped);
  if (!files.ok) return files;
  // Custom fields only enrich the record: without the permission they are left out.
  if (properties && !properties.ok && properties.error.kind === 'permission') {
    ctx.readProperties = false;
  }
  const fields =
    properties === null
      ? ok([])
      : contentOf(id, 'property', properties, srPropertySchema, skipped, true);
  if (!fields.ok) return fields;
  return ok({
    details: parsed.data,
    raw: parsed.raw,
    attachments: files.value,
    properties: fields.value,
    skipped,
  });
}

/** The rows of a `{content: [...]}` answer that parse; the others are reported. */
function contentOf<T>(
  candidateId: string,
  what: string,
  answer: Result<{ body: unknown }, SrError>,
  schema: z.ZodType<T>,
  skipped: SkippedRecord[],
  optional = false,
): Result<T[], SrError> {
  if (!answer.ok) {
    // Gone since the details were read, or (optional lists) not permitted: nothing to add.
    if (answer.error.kind === 'not_found') return ok([]);
    if (optional && answer.error.kind === 'permission') return ok([]);
    return answer;
  }
  const list = srListSchema.safeParse(answer.value.body);
  if (!list.success) {
    skipped.push({
      stream: CANDIDATES_STREAM,
      remoteId: candidateId,
      reason: `${what} list is malformed`,
    });
    return ok([]);
  }
  const rows = parseRows(CANDIDATES_STREAM, list.data.content, schema);
  for (const s of rows.skipped) {
    skipped.push({
      ...s,
      remoteId: candidateId,
      reason: `${what} ${s.remoteId ?? '?'}: ${s.reason}`,
    });
  }
  return ok(rows.rows.map((r) => r.data));
}

/** The candidate record and one application record per assignment. */
export function candidateRecords(
  loaded: LoadedCandidate,
  recruiters: ReadonlyMap<string, string | null>,
): { candidate: CandidateRecord; applications: ApplicationRecord[] } {
  const { details } = loaded;
  return {
    candidate: mapCandidate(details, loaded.raw, {
      attachments: loaded.attachments,
      properties: loaded.properties,
      recruiters,
    }),
    applications: assignmentsOf(details).map((a) => mapApplication(details.id, a, recruiters)),
  };
}

/** Job ids of every assignment of these candidates. */
export function jobIdsOf(candidates: readonly LoadedCandidate[]): string[] {
  return candidates.flatMap((c) => assignmentsOf(c.details).map((a) => a.job.id));
}

export async function fetchCandidatesPage(
  ctx: CandidateContext,
  request: PageRequest,
): Promise<Result<Page, SrError>> {
  const cursor = request.cursor ? decodeCursor(request.cursor) : null;
  // A cursor that is not ours (corrupted checkpoint) restarts the stream: duplicates are harmless.
  const updatedAfter = cursor
    ? cursor.updatedAfter
    : request.mode === 'INCREMENTAL'
      ? updatedAfterFor(request.state)
      : null;
  let answer = await listPage(ctx, updatedAfter, cursor?.pageId ?? null);
  // SR refuses a page id it no longer knows (400 INVALID_PAGE_ID): read again from the top.
  if (!answer.ok && cursor && answer.error.status === 400) {
    answer = await listPage(ctx, updatedAfter, null);
  }
  if (!answer.ok) return answer;
  const list = srListSchema.safeParse(answer.value.body);
  if (!list.success) {
    return err({
      kind: 'invalid_response',
      message: 'SmartRecruiters GET /candidates: not a list',
    });
  }

  const summaries = parseRows(CANDIDATES_STREAM, list.data.content, srCandidateSummarySchema);
  const skipped = [...summaries.skipped];
  let newest = cursor?.newest ?? null;
  for (const row of summaries.rows) newest = newer(newest, epochOf(row.data.updatedOn));

  const loads = await mapLimited(summaries.rows, DETAIL_WORKERS, (row) =>
    loadCandidate(ctx, row.data.id),
  );
  const loaded: LoadedCandidate[] = [];
  for (const load of loads) {
    if (!load.ok) return load;
    // Deleted between the list and the details: nothing to mirror.
    if (load.value === null) continue;
    if ('details' in load.value) {
      loaded.push(load.value);
      skipped.push(...load.value.skipped);
    } else {
      skipped.push(load.value.skipped);
    }
  }
  const recruiters = await ctx.hiringTeams.recruitersOf(jobIdsOf(loaded));
  if (!recruiters.ok) return recruiters;

  const candidates: SyncRecord[] = [];
  const applications: SyncRecord[] = [];
  for (const one of loaded) {
    const records = candidateRecords(one, recruiters.value);
    candidates.push({ kind: 'candidate', record: records.candidate });
    for (const a of records.applications) applications.push({ kind: 'application', record: a });
  }

  const state: Pick<ListCursor, 'startedAt' | 'newest'> = {
    startedAt: cursor?.startedAt ?? answer.value.serverTime,
    newest,
  };
  // An empty page ends the list even if SR still offers a next page id.
  const pageId = list.data.content.length > 0 ? (list.data.nextPageId ?? null) : null;
  const complete = pageId === null ? completeState(state, request.state) : null;
  return ok({
    records: [...candidates, ...applications],
    skipped,
    nextCursor: pageId === null ? null : encodeCursor({ pageId, updatedAfter, ...state }),
    ...(complete ? { completeState: complete } : {}),
    total: list.data.totalFound ?? null,
  });
}

function listPage(
  ctx: CandidateContext,
  updatedAfter: string | null,
  pageId: string | null,
): ReturnType<SmartRecruitersClient['get']> {
  return ctx.client.get('/candidates', {
    limit: PAGE_SIZE,
    updatedAfter,
    pageId,
  });
}
