import { err, ok, type Result } from '../../common/result';
import type { Provider } from '../../entities/provider';
import type { ConnectorError } from '../connector';
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
import { GreenhouseTokenSource, parseJson } from './greenhouse-auth';
import { nextLink } from './greenhouse-client';
import {
  buildGreenhouseCandidate,
  GREENHOUSE_DEFAULT_TARGETS,
  GREENHOUSE_EXPORT_FIELDS,
  greenhouseFieldsOf,
  toGreenhouseUpdate,
  type GhPayload,
} from './greenhouse.export-mapper';
import {
  ghApplicationSchema,
  ghCandidateSchema,
  ghId,
  ghJobSchema,
  ghSourceSchema,
} from './greenhouse.schemas';

/** A list longer than this many pages is a vendor loop, not data. */
const MAX_PAGES = 1000;
/** Greenhouse's rate-limit window (v1 documents 10 s; v3 publishes none) and its example limit. */
const WINDOW_MS = 10_000;
const DEFAULT_LIMIT = 50;

/**
 * Greenhouse Harvest v3 as an export destination: people go in as candidates on a job
 * (`POST /v3/candidates`, then `POST /v3/applications`); an existing candidate gets
 * `PATCH /v3/candidates/{id}` with the fields not omitted and an application only when none is on
 * that job. Greenhouse's prospects belong to no campaign, so PROSPECT exports are refused.
 * OAuth client credentials act as the connection's `userId` (the token's `sub`).
 */
export class GreenhouseDestination implements DestinationConnector {
  readonly provider: Provider = 'GREENHOUSE';
  readonly fields: readonly string[] = GREENHOUSE_EXPORT_FIELDS;
  readonly defaultTargets = GREENHOUSE_DEFAULT_TARGETS;
  /**
   * False: a token acts as the one user named in the connection's credentials, and `GET /v3/jobs`
   * takes no user filter; nothing in Harvest says which jobs another user may see (job
   * permissions live in Greenhouse's UI). Every job is listed.
   */
  readonly jobsPerUser = false;
  private readonly api: HarvestTransport;
  /** Candidate profile links exist for Greenhouse itself, not for sandboxes or simulators. */
  private readonly profileUrl: ((id: string) => string) | null;
  /** Source name (lower case) → id, loaded once on first need. */
  private sources: Promise<Result<Map<string, number>, DestinationError>> | null = null;

  constructor(options: DestinationOptions) {
    const base = options.baseUrl?.replace(/\/+$/, '') ?? null;
    const tokens = new GreenhouseTokenSource({
      tokenUrl: base ? `${base}/token` : 'https://auth.greenhouse.io/token',
      clientId: options.credentials['clientId'] ?? '',
      clientSecret: options.credentials['clientSecret'] ?? '',
      userId: options.credentials['userId'] ?? '',
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    });
    this.api = new HarvestTransport(
      base ? `${base}/v3` : 'https://harvest.greenhouse.io/v3',
      tokens,
      options.requestsPerSecond,
      options.onRateLimited,
    );
    this.profileUrl = base ? null : (id) => `https://app.greenhouse.io/people/${id}`;
  }

  listCampaigns(
    _userEmail: string | null,
  ): Promise<Result<DestinationCampaign[], DestinationError>> {
    return Promise.resolve(
      err({
        kind: 'not_found',
        message: 'Greenhouse has no campaigns: export as CANDIDATE into a job',
      }),
    );
  }

  /** Every job, with Greenhouse's status spelling (`open`, `closed`, `draft`). */
  async listJobs(_userEmail: string | null): Promise<Result<DestinationJob[], DestinationError>> {
    const rows = await this.api.list('/jobs', { per_page: 500 });
    if (!rows.ok) return rows;
    return ok(
      rows.value.flatMap((row) => {
        const job = ghJobSchema.safeParse(row);
        return job.success
          ? [{ id: String(job.data.id), title: job.data.name, status: job.data.status ?? null }]
          : [];
      }),
    );
  }

  /**
   * By e-mail: `GET /v3/candidates?email=` (v1's filter; v3 keeps it per third-party v3 clients,
   * UNCONFIRMED in Greenhouse's own reference). Harvest cannot search social links.
   */
  async findExisting(
    person: ExportPerson,
    _userEmail: string | null,
  ): Promise<Result<DestinationRecord | null, DestinationError>> {
    const emails = [...new Set(person.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    for (const email of emails) {
      const rows = await this.api.list('/candidates', { email, per_page: 100 });
      if (!rows.ok) return rows;
      for (const row of rows.value) {
        const candidate = ghCandidateSchema.safeParse(row);
        // The filter is trusted only as far as the answer proves it.
        const holds = candidate.success
          ? (candidate.data.email_addresses ?? []).some((e) => e.value.toLowerCase() === email)
          : false;
        if (candidate.success && holds) {
          return ok({
            remoteId: String(candidate.data.id),
            fields: greenhouseFieldsOf(row as Record<string, unknown>),
          });
        }
      }
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
          'Greenhouse prospects belong to no campaign: export as CANDIDATE into a job instead',
      });
    }
    const jobId = ghId.safeParse(target.jobId);
    if (!jobId.success)
      return err({ kind: 'not_found', message: `Greenhouse has no job ${target.jobId}` });
    const sourceId = await this.sourceFor(request);
    if (!sourceId.ok) return sourceId;
    const candidate = buildGreenhouseCandidate({
      person: request.person,
      targets: request.targets,
      omit: request.omit,
      sourceId: sourceId.value,
      test: request.test ?? false,
    });
    if (request.existing) return this.update(request.existing, jobId.data, candidate);

    const created = await this.api.call('POST', '/candidates', { json: candidate.body });
    if (!created.ok) return created;
    const remoteId = idOf(created.value.body);
    if (remoteId === null) return err(invalid('POST /v3/candidates answered no id'));
    // A failure here leaves the candidate without the job: the next attempt finds it by e-mail
    // and only applies.
    const applied = await this.apply(remoteId, jobId.data, candidate.sourceId);
    if (!applied.ok) return applied;
    return ok({
      remoteId: String(remoteId),
      url: this.profileUrl?.(String(remoteId)) ?? null,
      outcome: 'CREATED',
      sentFields: candidate.sentFields,
    });
  }

  private async update(
    existing: DestinationRecord,
    jobId: number,
    candidate: GhPayload,
  ): Promise<Result<SendResult, DestinationError>> {
    const candidateId = ghId.safeParse(existing.remoteId);
    if (!candidateId.success)
      return err({
        kind: 'not_found',
        message: `Greenhouse has no candidate ${existing.remoteId}`,
      });
    const patch = toGreenhouseUpdate(candidate, existing.fields);
    if (patch.sentFields.length > 0) {
      const patched = await this.api.call('PATCH', `/candidates/${candidateId.data}`, {
        json: patch.body,
      });
      if (!patched.ok) return patched;
    }
    const sentFields = [...patch.sentFields];
    const applications = await this.api.list('/applications', {
      candidate_ids: candidateId.data,
      job_ids: jobId,
    });
    if (!applications.ok) return applications;
    const onJob = applications.value.some((row) => {
      const app = ghApplicationSchema.safeParse(row);
      return app.success && app.data.job_id === jobId && app.data.candidate_id === candidateId.data;
    });
    if (!onJob) {
      const applied = await this.apply(candidateId.data, jobId, candidate.sourceId);
      if (!applied.ok) return applied;
      if (candidate.sourceId !== null) sentFields.push('source_id');
    }
    return ok({
      remoteId: existing.remoteId,
      url: this.profileUrl?.(existing.remoteId) ?? null,
      outcome: 'UPDATED',
      sentFields,
    });
  }

  private async apply(
    candidateId: number,
    jobId: number,
    sourceId: number | null,
  ): Promise<Result<void, DestinationError>> {
    const applied = await this.api.call('POST', '/applications', {
      json: {
        candidate_id: candidateId,
        job_id: jobId,
        ...(sourceId !== null ? { source_id: sourceId } : {}),
      },
    });
    return applied.ok ? ok(undefined) : applied;
  }

  /** The person's source by name among Greenhouse's sources; none when it has no such source. */
  private async sourceFor(request: SendRequest): Promise<Result<number | null, DestinationError>> {
    const name = request.person.source?.trim().toLowerCase();
    const wanted =
      request.targets['source']?.includes('source_id') && !request.omit.has('source_id');
    if (!name || !wanted) return ok(null);
    this.sources ??= this.loadSources();
    const sources = await this.sources;
    if (!sources.ok) {
      this.sources = null; // asked again for the next person
      return sources;
    }
    return ok(sources.value.get(name) ?? null);
  }

  /** Without permission to list sources the export goes on without them; an outage is an error. */
  private async loadSources(): Promise<Result<Map<string, number>, DestinationError>> {
    const rows = await this.api.list('/sources', { per_page: 500 });
    if (!rows.ok) return rows.error.kind === 'unavailable' ? rows : ok(new Map());
    const index = new Map<string, number>();
    for (const row of rows.value) {
      const source = ghSourceSchema.safeParse(row);
      const key = source.success ? source.data.name.trim().toLowerCase() : '';
      if (source.success && !index.has(key)) index.set(key, source.data.id);
    }
    return ok(index);
  }
}

interface HarvestAnswer {
  body: unknown;
  /** The cursor of a `rel="next"` link; null when none. */
  next: string | null;
}

/**
 * Harvest v3 reads and writes for export over one paced client: Bearer auth with one refresh on
 * 401, the window Greenhouse announces in X-RateLimit-Limit (or `requestsPerSecond` when given),
 * cursor-only next pages, 429s waited out, answers as Results.
 */
class HarvestTransport {
  private readonly http: VendorHttp;
  private lastAuthError: ConnectorError | null = null;
  private limit = DEFAULT_LIMIT;

  constructor(
    apiUrl: string,
    private readonly tokens: GreenhouseTokenSource,
    private readonly requestsPerSecond: number | undefined,
    onRateLimited: ((waitMs: number) => void) | undefined,
  ) {
    this.http = new VendorHttp({
      vendor: 'greenhouse',
      baseUrl: apiUrl,
      gate: { maxConcurrency: 4, rate: this.pace() },
      authHeaders: () => {
        const token = tokens.current();
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        return Promise.resolve(headers);
      },
      onUnauthorized: async () => {
        const refreshed = await tokens.refresh();
        this.lastAuthError = refreshed.ok ? null : refreshed.error;
        return refreshed.ok;
      },
      ...(onRateLimited ? { onRateLimited } : {}),
    });
  }

  async call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { query?: VendorRequest['query']; json?: unknown } = {},
  ): Promise<Result<HarvestAnswer, DestinationError>> {
    const token = await this.tokens.token();
    if (!token.ok) return token;
    const what = `Greenhouse ${method} /v3${path}`;
    try {
      // A create that failed midway is not sent again blindly: Greenhouse may have acted.
      const response = await this.http.request({
        method,
        path,
        ...options,
        once: method === 'POST',
      });
      this.learnLimit(response.headers);
      const body = response.body.length === 0 ? null : parseJson(response.text());
      if (response.status < 200 || response.status >= 300)
        return err(this.failure(what, response.status, body));
      const link = nextLink(response.headers.get('link'));
      const next = cursorOf(link);
      // Stopping at a next link without a cursor would silently drop the rest of the list.
      if (link !== null && next === null)
        return err(invalid(`${what}: a next link without a cursor`));
      return ok({ body, next });
    } catch (error) {
      const message = error instanceof VendorUnavailableError ? error.message : String(error);
      return err({ kind: 'unavailable', message: `${what}: ${message}` });
    }
  }

  /** Every row of a list: filters on the first request, then only the cursor (v3's rule). */
  async list(
    path: string,
    query: Record<string, string | number>,
  ): Promise<Result<unknown[], DestinationError>> {
    const rows: unknown[] = [];
    let answer = await this.call('GET', path, { query });
    for (let page = 0; page < MAX_PAGES; page++) {
      if (!answer.ok) return answer;
      if (!Array.isArray(answer.value.body)) return err(invalid(`GET /v3${path}: not an array`));
      rows.push(...(answer.value.body as unknown[]));
      if (answer.value.next === null) return ok(rows);
      answer = await this.call('GET', path, { query: { cursor: answer.value.next } });
    }
    return err(invalid(`GET /v3${path} kept answering pages past ${MAX_PAGES}`));
  }

  private pace(): { requests: number; perMs: number } {
    return this.requestsPerSecond
      ? { requests: 1, perMs: Math.ceil(1000 / this.requestsPerSecond) }
      : // One under the announced limit, a little slower than the window, so drift never crosses it.
        { requests: Math.max(1, this.limit - 1), perMs: WINDOW_MS + 250 };
  }

  private learnLimit(headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'));
    if (this.requestsPerSecond || !Number.isInteger(limit) || limit < 1 || limit === this.limit)
      return;
    this.limit = limit;
    this.http.setRate(this.pace());
  }

  private failure(what: string, status: number, body: unknown): DestinationError {
    const message = vendorMessage(body) ?? `HTTP ${status}`;
    if (status === 401)
      return this.lastAuthError ?? { kind: 'auth', message: `${what}: ${message}` };
    if (status === 403)
      return { kind: 'auth', message: `${what} is not allowed for these credentials: ${message}` };
    if (status === 404) return { kind: 'not_found', message: `${what}: ${message}` };
    if (status === 429) return { kind: 'unavailable', message: `${what}: still rate-limited` };
    if (status >= 400 && status < 500) return { kind: 'rejected', status, message };
    if (status >= 500) return { kind: 'unavailable', message: `${what}: ${message}` };
    return { kind: 'invalid_response', message: `${what}: unexpected HTTP ${status}` };
  }
}

/** Greenhouse's own words: each error's message (with its field), else the summary. */
function vendorMessage(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const errors = Array.isArray(body['errors']) ? (body['errors'] as unknown[]) : [];
  const details = errors.flatMap((e) => {
    if (!isRecord(e) || typeof e['message'] !== 'string') return [];
    return [typeof e['field'] === 'string' ? `${e['field']}: ${e['message']}` : e['message']];
  });
  if (details.length > 0) return [...new Set(details)].join('; ');
  for (const key of ['message', 'error_description', 'error']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

/** Only the cursor of a next link is kept: a token never travels to a host a response named. */
function cursorOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).searchParams.get('cursor') || null;
  } catch {
    return null;
  }
}

function idOf(body: unknown): number | null {
  const id = ghId.safeParse(isRecord(body) ? body['id'] : undefined);
  return id.success ? id.data : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): DestinationError {
  return { kind: 'invalid_response', message: `Greenhouse: ${message}` };
}
