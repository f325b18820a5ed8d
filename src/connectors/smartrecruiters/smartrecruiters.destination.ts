import { err, ok, type Result } from '../../common/result';
import type { Provider } from '../../entities/provider';
import type {
  DestinationCampaign,
  DestinationConnector,
  DestinationError,
  DestinationJob,
  DestinationOptions,
  DestinationRecord,
  ExportPerson,
  SendRequest,
  SendResult,
} from '../destination';
import { VendorHttp, VendorUnavailableError, type VendorRequest } from '../http/vendor-http';
import { SmartRecruitersAuth } from './smartrecruiters.auth';
import { SMARTRECRUITERS_DEFAULT_BASE_URL } from './smartrecruiters.client';
import { parseJson } from './smartrecruiters.errors';
import {
  buildSmartRecruitersCandidate,
  SMARTRECRUITERS_DEFAULT_TARGETS,
  SMARTRECRUITERS_EXPORT_FIELDS,
  smartRecruitersFieldsOf,
  toSmartRecruitersUpdate,
  type SrCandidateBody,
  type SrPayload,
  type SrSourceDetails,
} from './smartrecruiters.export-mapper';
import {
  srCandidateSummarySchema,
  srErrorSchema,
  srJobSchema,
  srListSchema,
  srSourceTypeSchema,
  srSourceValueSchema,
} from './smartrecruiters.schemas';

/** SR's documented limit per credential (ATS-APIS.md §3.7). */
const DEFAULT_REQUESTS_PER_SECOND = 10;
/** A list longer than this many pages is a vendor loop, not data. */
const MAX_PAGES = 1000;
const PAGE_SIZE = 100;

/**
 * SmartRecruiters as an export destination: people go in as candidates on a job (SR has no
 * campaigns, and its "prospects" are talent-pool candidates without a job, which our PROSPECT
 * target cannot name). Found by e-mail through the candidate search; created with
 * `POST /jobs/{jobId}/candidates` (candidate and assignment in one call); an existing profile gets
 * `PATCH /candidates/{id}` with its personal details and an assignment to the job only when it has
 * none there yet. Calls are spaced evenly at `requestsPerSecond` (default SR's 10/s), 429s are
 * waited out, and vendor answers become {@link DestinationError}s, never exceptions.
 */
export class SmartRecruitersDestination implements DestinationConnector {
  readonly provider: Provider = 'SMARTRECRUITERS';
  readonly fields: readonly string[] = SMARTRECRUITERS_EXPORT_FIELDS;
  readonly defaultTargets = SMARTRECRUITERS_DEFAULT_TARGETS;
  /**
   * False: `GET /jobs` answers every job the credential (company API key or OAuth app) may read;
   * SR's API has no parameter that names a user, and no call that says which jobs a given user
   * sees (hiring teams list members, not viewers). The export side must not promise more.
   */
  readonly jobsPerUser = false;
  private readonly api: SrTransport;
  /** Source label (lower case) → SR ids, loaded once on first need. */
  private sources: Promise<Result<Map<string, SrSourceDetails>, DestinationError>> | null = null;

  constructor(options: DestinationOptions) {
    const baseUrl = (options.baseUrl ?? SMARTRECRUITERS_DEFAULT_BASE_URL).replace(/\/+$/, '');
    const auth = new SmartRecruitersAuth(
      baseUrl,
      {
        smartToken: options.credentials['smartToken'],
        clientId: options.credentials['clientId'],
        clientSecret: options.credentials['clientSecret'],
      },
      Date.now,
    );
    this.api = new SrTransport(
      baseUrl,
      auth,
      options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND,
      options.onRateLimited,
    );
  }

  listCampaigns(
    _userEmail: string | null,
  ): Promise<Result<DestinationCampaign[], DestinationError>> {
    return Promise.resolve(
      err({
        kind: 'not_found',
        message: 'SmartRecruiters has no campaigns: export as CANDIDATE into a job',
      }),
    );
  }

  /** Every job, all pages, with SR's own status spelling (`SOURCING`, `FILLED`, `ON_HOLD`, …). */
  async listJobs(_userEmail: string | null): Promise<Result<DestinationJob[], DestinationError>> {
    const jobs: DestinationJob[] = [];
    let pageId: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.api.call('GET', '/jobs', {
        query: { limit: PAGE_SIZE, ...(pageId ? { pageId } : {}) },
      });
      if (!answer.ok) return answer;
      const list = srListSchema.safeParse(answer.value);
      if (!list.success) return err(invalid('GET /jobs did not answer a list'));
      for (const row of list.data.content) {
        const job = srJobSchema.safeParse(row);
        if (job.success)
          jobs.push({ id: job.data.id, title: job.data.title, status: job.data.status ?? null });
      }
      pageId = list.data.nextPageId ?? null;
      if (!pageId || list.data.content.length === 0) return ok(jobs);
    }
    return err(invalid(`GET /jobs kept answering pages past ${MAX_PAGES}`));
  }

  /**
   * By e-mail only: `GET /candidates?q=` is a keyword search over the candidate's fields, so its
   * hits are kept only when their e-mail is exactly one of the person's. SR's search offers no
   * filter on social links. The search is an index: a profile created seconds ago may not be
   * found yet (SR then files a same-e-mail create onto it, UNCONFIRMED).
   */
  async findExisting(
    person: ExportPerson,
    _userEmail: string | null,
  ): Promise<Result<DestinationRecord | null, DestinationError>> {
    const emails = [...new Set(person.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    for (const email of emails) {
      const answer = await this.api.call('GET', '/candidates', {
        query: { q: email, limit: PAGE_SIZE },
      });
      if (!answer.ok) return answer;
      const list = srListSchema.safeParse(answer.value);
      if (!list.success) return err(invalid('GET /candidates did not answer a list'));
      const match = list.data.content
        .map((row) => srCandidateSummarySchema.safeParse(row))
        .find((c) => c.success && c.data.email?.trim().toLowerCase() === email);
      if (!match?.success) continue;
      const details = await this.api.call('GET', `/candidates/${enc(match.data.id)}`);
      if (!details.ok) {
        if (details.error.kind === 'not_found') continue; // deleted since the index saw it
        return details;
      }
      if (!isRecord(details.value)) return err(invalid('GET /candidates/{id} answered no object'));
      return ok({ remoteId: match.data.id, fields: smartRecruitersFieldsOf(details.value) });
    }
    return ok(null);
  }

  async send(request: SendRequest): Promise<Result<SendResult, DestinationError>> {
    const { target } = request;
    if (target.as === 'PROSPECT') {
      return err({
        kind: 'rejected',
        status: 400,
        message:
          'SmartRecruiters has no campaigns to add prospects to: export as CANDIDATE into a job',
      });
    }
    const source = await this.sourceFor(request);
    if (!source.ok) return source;
    const candidate = buildSmartRecruitersCandidate({
      person: request.person,
      targets: request.targets,
      omit: request.omit,
      source: source.value,
      test: request.test ?? false,
    });
    if (request.existing) return this.update(request.existing, target.jobId, candidate);

    const created = await this.api.call('POST', `/jobs/${enc(target.jobId)}/candidates`, {
      json: candidate.body,
    });
    if (!created.ok) return created;
    const remoteId = idOf(created.value);
    if (!remoteId) return err(invalid('POST /jobs/{id}/candidates answered no candidate id'));
    return ok({ remoteId, url: null, outcome: 'CREATED', sentFields: candidate.sentFields });
  }

  /**
   * Personal details that changed go out with PATCH (history, education and source cannot be
   * changed on an existing SR profile). An assignment is added only when the profile has none on
   * the job: SR has no "assign" call, so it is the create call with the profile's own name and
   * e-mail, which SR files onto the profile with that e-mail.
   */
  private async update(
    existing: DestinationRecord,
    jobId: string,
    candidate: SrPayload<SrCandidateBody>,
  ): Promise<Result<SendResult, DestinationError>> {
    const path = `/candidates/${enc(existing.remoteId)}`;
    const patch = toSmartRecruitersUpdate(candidate, existing.fields);
    if (patch.sentFields.length > 0) {
      const patched = await this.api.call('PATCH', path, { json: patch.body });
      if (!patched.ok) return patched;
    }
    const details = await this.api.call('GET', path);
    if (!details.ok) return details;
    const sentFields = [...patch.sentFields];
    if (!assignedJobIds(details.value).has(jobId)) {
      const current = isRecord(details.value) ? details.value : {};
      const body: SrCandidateBody = {
        firstName: text(current['firstName']) ?? candidate.body.firstName,
        lastName: text(current['lastName']) ?? candidate.body.lastName,
        email: text(current['email']) ?? candidate.body.email,
        ...(candidate.body.sourceDetails ? { sourceDetails: candidate.body.sourceDetails } : {}),
      };
      const assigned = await this.api.call('POST', `/jobs/${enc(jobId)}/candidates`, {
        json: body,
      });
      if (!assigned.ok) return assigned;
      const assignedId = idOf(assigned.value);
      if (assignedId !== existing.remoteId) {
        return err(
          invalid(
            `the application to job ${jobId} went to profile ${assignedId ?? '?'}, ` +
              `not to ${existing.remoteId}: SmartRecruiters may now hold a duplicate`,
          ),
        );
      }
      if (body.sourceDetails) sentFields.push('sourceDetails');
    }
    return ok({ remoteId: existing.remoteId, url: null, outcome: 'UPDATED', sentFields });
  }

  /** SR tracks a source by configured ids: the person's source label looked up among them. */
  private async sourceFor(
    request: SendRequest,
  ): Promise<Result<SrSourceDetails | null, DestinationError>> {
    const label = request.person.source?.trim().toLowerCase();
    const wanted =
      request.targets['source']?.includes('sourceDetails') && !request.omit.has('sourceDetails');
    if (!label || !wanted) return ok(null);
    this.sources ??= this.loadSources();
    const sources = await this.sources;
    if (!sources.ok) {
      this.sources = null; // asked again for the next person
      return sources;
    }
    return ok(sources.value.get(label) ?? null);
  }

  /**
   * Source types, then each type's values, by label. Without the permission to read them the
   * export goes on without sources (SR then records "API"); only an outage is an error.
   */
  private async loadSources(): Promise<Result<Map<string, SrSourceDetails>, DestinationError>> {
    const index = new Map<string, SrSourceDetails>();
    const types = await this.api.call('GET', '/configuration/sources');
    if (!types.ok) return types.error.kind === 'unavailable' ? types : ok(index);
    const typeList = srListSchema.safeParse(types.value);
    for (const row of typeList.success ? typeList.data.content : []) {
      const type = srSourceTypeSchema.safeParse(row);
      if (!type.success) continue;
      for (let offset = 0, page = 0; page < MAX_PAGES; page++) {
        const values = await this.api.call(
          'GET',
          `/configuration/sources/${enc(type.data.id)}/values`,
          { query: { limit: PAGE_SIZE, offset } },
        );
        if (!values.ok) return values.error.kind === 'unavailable' ? values : ok(index);
        const list = srListSchema.safeParse(values.value);
        const content = list.success ? list.data.content : [];
        for (const v of content) {
          const value = srSourceValueSchema.safeParse(v);
          const key = value.success ? value.data.label.trim().toLowerCase() : '';
          if (value.success && !index.has(key))
            index.set(key, { sourceTypeId: type.data.id, sourceId: value.data.id });
        }
        offset += content.length;
        const total = list.success ? (list.data.totalFound ?? offset) : offset;
        if (content.length === 0 || offset >= total) break;
      }
    }
    return ok(index);
  }
}

/** SmartRecruiters' REST calls for export: one evenly paced client, answers as Results. */
class SrTransport {
  private readonly http: VendorHttp;
  /** GET /candidates allows one request in flight per credential (§3.7). */
  private searchTail: Promise<unknown> = Promise.resolve();

  constructor(
    baseUrl: string,
    private readonly auth: SmartRecruitersAuth,
    requestsPerSecond: number,
    onRateLimited: ((waitMs: number) => void) | undefined,
  ) {
    this.http = new VendorHttp({
      vendor: 'smartrecruiters',
      baseUrl,
      // Evenly spaced rather than bursts: SR counts its second in windows we cannot see.
      gate: {
        maxConcurrency: 8,
        rate: { requests: 1, perMs: Math.ceil(1000 / Math.max(0.1, requestsPerSecond)) },
      },
      timeoutMs: 130_000,
      authHeaders: () => Promise.resolve(auth.headers()),
      ...(auth.usesOAuth
        ? {
            onUnauthorized: async () => {
              await auth.refresh();
              return true;
            },
          }
        : {}),
      ...(onRateLimited ? { onRateLimited } : {}),
    });
  }

  /** The parsed JSON of a 2xx answer (null when empty), or why not. */
  call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { query?: VendorRequest['query']; json?: unknown } = {},
  ): Promise<Result<unknown, DestinationError>> {
    // A create that failed midway is not sent again blindly: SR may have acted (VendorHttp `once`).
    const run = () => this.send({ method, path, ...options, once: method === 'POST' });
    if (method !== 'GET' || path !== '/candidates') return run();
    const result = this.searchTail.then(run);
    this.searchTail = result.catch(() => undefined);
    return result;
  }

  private async send(request: VendorRequest): Promise<Result<unknown, DestinationError>> {
    const ready = await this.auth.ready();
    if (!ready.ok) return ready;
    const what = `SmartRecruiters ${request.method ?? 'GET'} ${request.path}`;
    try {
      const response = await this.http.request(request);
      const body = response.body.length === 0 ? null : parseJson(response.text());
      if (response.status >= 200 && response.status < 300) return ok(body);
      return err(this.failure(what, response.status, body));
    } catch (error) {
      const message = error instanceof VendorUnavailableError ? error.message : String(error);
      return err({ kind: 'unavailable', message: `${what}: ${message}` });
    }
  }

  private failure(what: string, status: number, body: unknown): DestinationError {
    const message = vendorMessage(body) ?? `HTTP ${status}`;
    if (status === 401)
      return this.auth.lastError ?? { kind: 'auth', message: `${what}: ${message}` };
    if (status === 403)
      return { kind: 'auth', message: `${what} is not allowed for these credentials: ${message}` };
    if (status === 404 || status === 410)
      return { kind: 'not_found', message: `${what}: ${message}` };
    if (status === 429) return { kind: 'unavailable', message: `${what}: still rate-limited` };
    if (status >= 400 && status < 500) return { kind: 'rejected', status, message };
    if (status >= 500) return { kind: 'unavailable', message: `${what}: ${message}` };
    return { kind: 'invalid_response', message: `${what}: unexpected HTTP ${status}` };
  }
}

/** SR's own words: the summary and each error's message (`{message, errors[{code, message}]}`). */
function vendorMessage(body: unknown): string | null {
  const parsed = srErrorSchema.safeParse(body);
  if (!parsed.success) return null;
  const e = parsed.data;
  const parts = [e.message, e.error_description, ...(e.errors ?? []).map((x) => x.message)];
  const unique = [...new Set(parts.filter((p): p is string => Boolean(p?.trim())))];
  return unique.length > 0 ? unique.join('; ') : (e.error ?? null);
}

/** Jobs the candidate is assigned to (primary and secondary assignments of the details). */
function assignedJobIds(details: unknown): Set<string> {
  const ids = new Set<string>();
  if (!isRecord(details)) return ids;
  const secondary = Array.isArray(details['secondaryAssignments'])
    ? (details['secondaryAssignments'] as unknown[])
    : [];
  for (const assignment of [details['primaryAssignment'], ...secondary]) {
    const job = isRecord(assignment) ? assignment['job'] : null;
    const id = isRecord(job) ? text(job['id']) : null;
    if (id) ids.add(id);
  }
  return ids;
}

function idOf(body: unknown): string | null {
  return isRecord(body) ? text(body['id']) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): DestinationError {
  return { kind: 'invalid_response', message: `SmartRecruiters: ${message}` };
}

const enc = encodeURIComponent;
