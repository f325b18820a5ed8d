import type { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type {
  DestinationCampaign,
  DestinationConnector,
  DestinationError,
  DestinationJob,
  DestinationOptions,
  DestinationRecord,
  ExportPerson,
  FieldTargets,
  SendRequest,
  SendResult,
} from '../destination';
import { VendorHttp, type VendorResponse } from '../http/vendor-http';
import { ASHBY_DEFAULT_BASE_URL, ASHBY_GATE } from './ashby.client';
import { toConnectorError } from './ashby.errors';
import {
  ASHBY_DEFAULT_TARGETS,
  ASHBY_EXPORT_FIELDS,
  ashbyRecordFields,
  toAshbyCreate,
  toAshbyUpdate,
  type AshbyWrite,
} from './ashby.export-mapper';
import { parseItems } from './ashby.pages';
import {
  ashbyApplicationSchema,
  ashbyCandidateSchema,
  ashbyEnvelopeSchema,
  ashbyJobSchema,
  ashbySourceSchema,
  type AshbyCandidate,
  type AshbySuccess,
} from './ashby.schemas';

/**
 * Ashby as an export destination (ATS-APIS.md §1.6): candidates go into a job as an Ashby
 * candidate plus an application. Ashby has no campaigns, so prospects cannot be sent, and its
 * API cannot say which jobs a user may see, so every job is listed.
 *
 * The RPC transport is the mirroring side's (same base URL, Basic auth, version header, pacing
 * and envelope checks), but its own: AshbyClient only knows the read endpoints the mirror calls
 * and turns a failure envelope into a ConnectorError, while a destination must tell a person's
 * validation error (`rejected`, with Ashby's own message) from everything else.
 */

const ACCEPT = 'application/json; version=1';

/** The endpoints called here, with the permission each needs (named in error messages). */
const DESTINATION_METHODS = {
  'job.list': 'jobsRead',
  'source.list': 'hiringProcessMetadataRead',
  'candidate.search': 'candidatesRead',
  'candidate.info': 'candidatesRead',
  'application.info': 'candidatesRead',
  'candidate.create': 'candidatesWrite',
  'candidate.update': 'candidatesWrite',
  'candidate.createNote': 'candidatesWrite',
  'application.create': 'candidatesWrite',
} as const;
type DestinationMethod = keyof typeof DESTINATION_METHODS;

/** Calls that write what a person is: a domain failure there is the vendor rejecting the person. */
const PERSON_WRITES: ReadonlySet<DestinationMethod> = new Set([
  'candidate.create',
  'candidate.update',
  'application.create',
]);

/** job.list filters nothing when asked for every status; without a filter Ashby may not. */
/** Calls that create a record: a lost answer must not become a second record. */
const CREATES: ReadonlySet<DestinationMethod> = new Set(['candidate.create', 'application.create']);

const JOB_STATUSES = ['Draft', 'Open', 'Closed', 'Archived'];

/** A runaway cursor must not loop forever. */
const MAX_PAGES = 1000;

const NO_CAMPAIGNS = 'Ashby has no campaigns: export as CANDIDATE into a job';

const TEST_NOTE =
  'Rediscover test candidate: created by Rediscover to verify this Ashby connection. ' +
  'It is not a real applicant and can be deleted.';

export interface AshbyDestinationOptions extends DestinationOptions {
  /** Retry tuning (tests shorten it). Defaults: VendorHttp's 6 retries from a 250 ms base. */
  retry?: { backoffMs?: number; maxRetries?: number };
}

/** The candidate Ashby answered with, validated, and as received (for fields we do not model). */
interface Written {
  candidate: AshbyCandidate;
  raw: Record<string, unknown>;
  sentFields: string[];
}

type Outcome<T> = Promise<Result<T, DestinationError>>;

export class AshbyDestination implements DestinationConnector {
  readonly provider = 'ASHBY' as const;
  readonly fields: readonly string[] = ASHBY_EXPORT_FIELDS;
  readonly defaultTargets: FieldTargets = ASHBY_DEFAULT_TARGETS;
  /** Ashby's API has no per-user job visibility (no "jobs this user may see"). */
  readonly jobsPerUser = false;

  private readonly http: VendorHttp;
  private sourceIds: ReadonlyMap<string, string> | null = null;

  constructor(options: AshbyDestinationOptions) {
    const authorization = `Basic ${Buffer.from(`${options.credentials['apiKey'] ?? ''}:`, 'utf8').toString('base64')}`;
    this.http = new VendorHttp({
      vendor: 'ashby',
      baseUrl: options.baseUrl ?? ASHBY_DEFAULT_BASE_URL,
      // Ashby's limits are per key, so the mirror's pacing is the destination's too.
      gate: options.requestsPerSecond
        ? { ...ASHBY_GATE, rate: { requests: options.requestsPerSecond, perMs: 1000 } }
        : ASHBY_GATE,
      authHeaders: () => Promise.resolve({ authorization }),
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
      ...(options.retry?.backoffMs !== undefined ? { backoffMs: options.retry.backoffMs } : {}),
      ...(options.retry?.maxRetries !== undefined ? { maxRetries: options.retry.maxRetries } : {}),
    });
  }

  listCampaigns(_userEmail: string | null): Outcome<DestinationCampaign[]> {
    return Promise.resolve(err({ kind: 'not_found', message: NO_CAMPAIGNS }));
  }

  /** Every job, whoever asks: Ashby cannot answer for one user. Status as Ashby spells it. */
  async listJobs(_userEmail: string | null): Outcome<DestinationJob[]> {
    const jobs = await this.readAll('job.list', { status: JOB_STATUSES }, ashbyJobSchema);
    if (!jobs.ok) return jobs;
    return ok(
      jobs.value.map((job) => ({ id: job.id, title: job.title, status: job.status ?? null })),
    );
  }

  /**
   * The candidate holding one of the person's e-mails (candidate.search, Ashby's documented
   * duplicate check), tried in the person's order. Ashby searches by e-mail or name only, so
   * social links cannot find anyone, and a name alone is too weak to merge on.
   */
  async findExisting(
    person: ExportPerson,
    _userEmail: string | null,
  ): Outcome<DestinationRecord | null> {
    const emails = [...new Set(person.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    for (const email of emails) {
      const answer = await this.call('candidate.search', { email });
      if (!answer.ok) return answer;
      const parsed = parseItems('candidate.search', answer.value.results, ashbyCandidateSchema);
      if (!parsed.ok) return parsed;
      const found = parsed.value.items.map((item) => item.value);
      const match =
        found.find((c) => (c.emailAddresses ?? []).some((e) => e.value.toLowerCase() === email)) ??
        found[0];
      if (match) return ok({ remoteId: match.id, fields: ashbyRecordFields(match) });
    }
    return ok(null);
  }

  async send(request: SendRequest): Outcome<SendResult> {
    if (request.target.as === 'PROSPECT') {
      return err({ kind: 'rejected', status: 400, message: NO_CAMPAIGNS });
    }
    const sourceIds = await this.sourceIdsFor(request);
    if (!sourceIds.ok) return sourceIds;
    const written = request.existing
      ? await this.update(request, request.existing, sourceIds.value)
      : await this.create(request, sourceIds.value);
    if (!written.ok) return written;
    const { candidate, raw, sentFields } = written.value;

    const applied = await this.ensureApplication(candidate, request.target.jobId);
    if (!applied.ok) return applied;
    if (request.test) {
      const noted = await this.call('candidate.createNote', {
        candidateId: candidate.id,
        note: TEST_NOTE,
        sendNotifications: false,
      });
      if (!noted.ok) return noted;
    }
    const profileUrl = raw['profileUrl'];
    return ok({
      remoteId: candidate.id,
      url: typeof profileUrl === 'string' && profileUrl ? profileUrl : null,
      outcome: request.existing ? 'UPDATED' : 'CREATED',
      sentFields,
    });
  }

  private async create(
    request: SendRequest,
    sourceIds: ReadonlyMap<string, string>,
  ): Outcome<Written> {
    const plan = toAshbyCreate(request.person, request.targets, request.omit, { sourceIds });
    const created = await this.candidateCall('candidate.create', plan.body);
    if (!created.ok || !plan.followUp) return withSent(created, plan);
    // Links candidate.create has no field for go in right after, through candidate.update.
    const completed = await this.candidateCall('candidate.update', {
      candidateId: created.value.candidate.id,
      ...plan.followUp,
    });
    return withSent(completed, plan);
  }

  private async update(
    request: SendRequest,
    existing: DestinationRecord,
    sourceIds: ReadonlyMap<string, string>,
  ): Outcome<Written> {
    const plan = toAshbyUpdate(request.person, request.targets, request.omit, {
      current: existing.fields,
      sourceIds,
    });
    // Nothing to write (all protected, say): read the candidate for its applications instead.
    const answer =
      Object.keys(plan.body).length > 0
        ? await this.candidateCall('candidate.update', {
            candidateId: existing.remoteId,
            ...plan.body,
          })
        : await this.candidateCall('candidate.info', { id: existing.remoteId });
    return withSent(answer, plan);
  }

  /**
   * Applies the candidate to the job unless one of their applications already is to it (a
   * re-export must not make a second one). Ashby lists applications by job, not by candidate,
   * so the candidate's own `applicationIds` are looked at one by one.
   */
  private async ensureApplication(candidate: AshbyCandidate, jobId: string): Outcome<void> {
    for (const applicationId of candidate.applicationIds ?? []) {
      const answer = await this.call('application.info', { applicationId });
      if (!answer.ok) {
        if (answer.error.kind === 'not_found') continue;
        return answer;
      }
      const application = ashbyApplicationSchema.safeParse(answer.value.results);
      if (!application.success) {
        return err({
          kind: 'invalid_response',
          message: `Ashby application.info: application ${applicationId} is malformed`,
        });
      }
      if (application.data.job?.id === jobId) return ok(undefined);
    }
    const created = await this.call('application.create', { candidateId: candidate.id, jobId });
    return created.ok ? ok(undefined) : created;
  }

  /** Ashby's source ids by lower-cased title, read once, only when a mapping sends `sourceId`. */
  private async sourceIdsFor(request: SendRequest): Outcome<ReadonlyMap<string, string>> {
    const wanted =
      request.person.source !== null &&
      !request.omit.has('sourceId') &&
      Object.values(request.targets).some((targets) => targets.includes('sourceId'));
    if (!wanted) return ok(new Map());
    if (this.sourceIds) return ok(this.sourceIds);
    const sources = await this.readAll('source.list', {}, ashbySourceSchema);
    if (!sources.ok) return sources;
    this.sourceIds = new Map(sources.value.map((s) => [s.title.trim().toLowerCase(), s.id]));
    return ok(this.sourceIds);
  }

  private async candidateCall(
    method: 'candidate.create' | 'candidate.update' | 'candidate.info',
    body: Record<string, unknown>,
  ): Outcome<Omit<Written, 'sentFields'>> {
    const answer = await this.call(method, body);
    if (!answer.ok) return answer;
    const parsed = ashbyCandidateSchema.safeParse(answer.value.results);
    if (!parsed.success || !isRecord(answer.value.results)) {
      return err({
        kind: 'invalid_response',
        message: `Ashby ${method}: no candidate in the answer`,
      });
    }
    return ok({ candidate: parsed.data, raw: answer.value.results });
  }

  /** Every page of a list; items failing their schema are left out. */
  private async readAll<S extends z.ZodType>(
    method: DestinationMethod,
    body: Record<string, unknown>,
    schema: S,
  ): Outcome<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.call(method, {
        ...body,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      if (!answer.ok) return answer;
      const parsed = parseItems(method, answer.value.results, schema);
      if (!parsed.ok) return parsed;
      all.push(...parsed.value.items.map((item) => item.value));
      cursor = answer.value.moreDataAvailable ? (answer.value.nextCursor ?? null) : null;
      if (!cursor) return ok(all);
    }
    return err({
      kind: 'invalid_response',
      message: `Ashby ${method}: more than ${MAX_PAGES} pages`,
    });
  }

  /** One RPC call. Never throws: transport failures are `unavailable`, vendor answers typed. */
  private async call(
    method: DestinationMethod,
    body: Record<string, unknown>,
  ): Outcome<AshbySuccess> {
    let response: VendorResponse;
    try {
      response = await this.http.request({
        method: 'POST',
        path: `/${method}`,
        json: body,
        headers: { accept: ACCEPT },
        // Creates are not retried on 5xx or timeouts: the export looks the person up first.
        once: CREATES.has(method),
      });
    } catch (error) {
      // VendorHttp throws only once its retries are spent (VendorUnavailableError) or on a bug.
      const reason = error instanceof Error ? error.message : String(error);
      return err({ kind: 'unavailable', message: `Ashby ${method}: ${reason}` });
    }
    return readAnswer(method, response);
  }
}

function readAnswer(
  method: DestinationMethod,
  response: VendorResponse,
): Result<AshbySuccess, DestinationError> {
  let body: unknown;
  try {
    body = response.json();
  } catch {
    body = undefined;
  }
  const parsed = ashbyEnvelopeSchema.safeParse(body);
  const is2xx = response.status >= 200 && response.status < 300;
  if (parsed.success && parsed.data.success && is2xx) return ok(parsed.data);
  if (!parsed.success && is2xx) {
    return err({
      kind: 'invalid_response',
      message: `Ashby ${method}: the answer is not an Ashby envelope (HTTP ${response.status})`,
    });
  }
  const failure = parsed.success && !parsed.data.success ? parsed.data : null;
  const error = toConnectorError({
    method,
    status: response.status,
    failure,
    permission: DESTINATION_METHODS[method],
  });
  // What is left after auth, permission, throttling and not-found is Ashby refusing the input
  // (`invalid_input`…), sent as HTTP 200 + success:false; reported as 400, Ashby's words kept.
  const refused = response.status < 300 || [400, 409, 422].includes(response.status);
  if (failure && error.kind === 'invalid_response' && refused && PERSON_WRITES.has(method)) {
    const code = failure.errorInfo?.code ?? failure.errors?.[0] ?? 'invalid_input';
    return err({
      kind: 'rejected',
      status: response.status >= 400 ? response.status : 400,
      message: failure.errorInfo?.message ?? code,
    });
  }
  return err(error);
}

function withSent(
  answer: Result<Omit<Written, 'sentFields'>, DestinationError>,
  plan: AshbyWrite,
): Result<Written, DestinationError> {
  return answer.ok ? ok({ ...answer.value, sentFields: plan.sentFields }) : answer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
