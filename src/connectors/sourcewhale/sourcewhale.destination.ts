import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
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
import {
  canMatch,
  identityOf,
  SOURCEWHALE_DEFAULT_TARGETS,
  SOURCEWHALE_FIELDS,
  toSourceWhaleModify,
  toSourceWhalePayload,
  withTestMarker,
} from './sourcewhale.export-mapper';

const DEFAULT_BASE_URL = 'https://sourcewhale.app/public-api';

/** SourceWhale publishes no limit (ATS-APIS.md §4.3): this pace is a safe guess. */
const DEFAULT_REQUESTS_PER_SECOND = 5;

const idSchema = z.union([z.string().min(1), z.number()]).transform(String);

const campaignsSchema = z.looseObject({
  campaigns: z.array(z.looseObject({ campaignId: idSchema, campaignName: z.string().nullish() })),
});

const projectsSchema = z.looseObject({
  projects: z.array(z.looseObject({ projectId: idSchema, projectName: z.string().nullish() })),
});

/** The search view (ATS-APIS.md §4.2); only the writable fields are kept as the record's values. */
const searchHitSchema = z.looseObject({
  candidateId: idSchema,
  name: z.string().nullish(),
  role: z.string().nullish(),
  company: z.string().nullish(),
  location: z.string().nullish(),
  emails: z.array(z.string()).nullish(),
  socialLinks: z.array(z.string()).nullish(),
});
const searchSchema = z.looseObject({ candidates: z.array(z.unknown()) });
const RECORD_FIELDS = ['name', 'role', 'company', 'location', 'emails', 'socialLinks'] as const;

/**
 * The add answer is UNCONFIRMED (§4.2): one entry per candidate sent, `action` saying whether
 * SourceWhale created it or matched a duplicate; a bare id list is taken as created.
 */
const addAnswerSchema = z.looseObject({
  candidates: z.array(z.looseObject({ candidateId: idSchema, action: z.string().nullish() })),
});
const addIdsAnswerSchema = z.looseObject({ candidateIds: z.array(idSchema) });

const errorBodySchema = z.looseObject({
  message: z.string().optional(),
  error: z.string().optional(),
});

/** Whether a 4xx fails the one person (send, search) or the whole call (lists). */
type Scope = 'person' | 'list';

/**
 * SourceWhale as an export destination: prospects go into a campaign, candidates into a project
 * (SourceWhale has no jobs; projects stand in for them, §4.2a). Calls act as the given user
 * (`userEmail`), or as the connection's own `credentials.userEmail` when no user makes them.
 */
export class SourceWhaleDestination implements DestinationConnector {
  readonly provider = 'SOURCEWHALE' as const;
  readonly fields: readonly string[] = SOURCEWHALE_FIELDS;
  readonly defaultTargets = SOURCEWHALE_DEFAULT_TARGETS;
  /** Projects are organisation-wide. */
  readonly jobsPerUser = false;
  private readonly http: VendorHttp;
  private readonly apiKey: string | null;
  private readonly ownUserEmail: string | null;

  constructor(options: DestinationOptions) {
    this.apiKey = options.credentials['apiKey'] || null;
    this.ownUserEmail = options.credentials['userEmail'] || null;
    this.http = new VendorHttp({
      vendor: 'SourceWhale',
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      gate: {
        maxConcurrency: 4,
        rate: {
          requests: options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND,
          perMs: 1000,
        },
      },
      authHeaders: () => Promise.resolve({ 'api-key': this.apiKey ?? '' }),
      onRateLimited: options.onRateLimited,
    });
  }

  async listCampaigns(
    userEmail: string | null,
  ): Promise<Result<DestinationCampaign[], DestinationError>> {
    const answer = await this.call(
      { path: '/v1/campaigns/list', query: { userEmail: this.actingAs(userEmail) } },
      'list',
    );
    if (!answer.ok) return answer;
    const parsed = campaignsSchema.safeParse(answer.value);
    if (!parsed.success) return invalid('campaigns/list');
    return ok(
      parsed.data.campaigns.map((c) => ({
        id: c.campaignId,
        name: c.campaignName ?? c.campaignId,
      })),
    );
  }

  async listJobs(userEmail: string | null): Promise<Result<DestinationJob[], DestinationError>> {
    const answer = await this.call(
      { path: '/v1/projects/list', query: { userEmail: this.actingAs(userEmail) } },
      'list',
    );
    if (!answer.ok) return answer;
    const parsed = projectsSchema.safeParse(answer.value);
    if (!parsed.success) return invalid('projects/list');
    return ok(
      parsed.data.projects.map((p) => ({
        id: p.projectId,
        title: p.projectName ?? p.projectId,
        status: null,
      })),
    );
  }

  /** By each e-mail, then LinkedIn, GitHub and the other links: the first hit wins. */
  async findExisting(
    person: ExportPerson,
    userEmail: string | null,
  ): Promise<Result<DestinationRecord | null, DestinationError>> {
    const lookups: Array<['email' | 'socialLink', string]> = [
      ...person.emails.map((e): ['email', string] => ['email', e]),
      ...[person.linkedinUrl, person.githubUrl, ...person.socialLinks.map((l) => l.url)]
        .filter((url): url is string => Boolean(url?.trim()))
        .map((url): ['socialLink', string] => ['socialLink', url]),
    ];
    for (const [key, value] of lookups) {
      const found = await this.search(key, value.trim(), this.actingAs(userEmail));
      if (!found.ok || found.value) return found;
    }
    return ok(null);
  }

  async send(request: SendRequest): Promise<Result<SendResult, DestinationError>> {
    let mapped = toSourceWhalePayload(request.person, request.targets, request.omit);
    if (request.test) mapped = withTestMarker(mapped, request.omit);
    const userEmail = this.actingAs(request.userEmail);
    const placement =
      request.target.as === 'PROSPECT'
        ? { campaignId: request.target.campaignId }
        : { projectIds: [request.target.jobId] };

    if (request.existing) {
      const existing = request.existing;
      // modify cannot place a record in a campaign or project: an add of the record's own
      // identifiers does, through SourceWhale's duplicate matching, and changes nothing else.
      const identity = identityOf(existing.fields, request.person);
      const update = toSourceWhaleModify(mapped, existing.fields);
      if (update.sentFields.length > 0) {
        const modified = await this.call(
          {
            method: 'POST',
            path: '/v1/candidates/modify',
            query: { userEmail },
            json: { candidate: { candidateId: existing.remoteId, ...update.payload } },
          },
          'person',
        );
        if (!modified.ok) return modified;
      }
      // A person with no e-mail and no link cannot be matched by an add (it would create a
      // second record): the record is updated where it is, and placed nowhere new.
      if (!canMatch(identity)) {
        return ok({
          remoteId: existing.remoteId,
          url: null,
          outcome: 'UPDATED',
          sentFields: update.sentFields,
        });
      }
      const placed = await this.add([identity], placement, userEmail);
      if (!placed.ok) return placed;
      if (placed.value.remoteId !== existing.remoteId) {
        return err({
          kind: 'invalid_response',
          message: `SourceWhale placed candidate ${placed.value.remoteId} instead of ${existing.remoteId}`,
        });
      }
      return ok({
        remoteId: existing.remoteId,
        url: null,
        outcome: 'UPDATED',
        sentFields: update.sentFields,
      });
    }

    const added = await this.add([mapped.payload], placement, userEmail);
    if (!added.ok) return added;
    return ok({
      remoteId: added.value.remoteId,
      url: null,
      outcome: added.value.matchedDuplicate ? 'UPDATED' : 'CREATED',
      sentFields: mapped.sentFields,
    });
  }

  private async add(
    candidates: Record<string, unknown>[],
    placement: { campaignId: string } | { projectIds: string[] },
    userEmail: string | null,
  ): Promise<Result<{ remoteId: string; matchedDuplicate: boolean }, DestinationError>> {
    const answer = await this.call(
      {
        method: 'POST',
        path: '/v1/candidates/add',
        // Creates: not retried on 5xx or timeouts (the export looks the person up first).
        once: true,
        query: { userEmail },
        // Outreach starts when the recruiter says so, never as a side effect of an export.
        json: { candidates, ...placement, sendImmediately: false },
      },
      'person',
    );
    if (!answer.ok) return answer;
    const entries = addAnswerSchema.safeParse(answer.value);
    const first = entries.success ? entries.data.candidates[0] : undefined;
    if (first) {
      return ok({
        remoteId: first.candidateId,
        matchedDuplicate: first.action?.toLowerCase() === 'updated',
      });
    }
    const ids = addIdsAnswerSchema.safeParse(answer.value);
    const id = ids.success ? ids.data.candidateIds[0] : undefined;
    return id === undefined
      ? invalid('candidates/add')
      : ok({ remoteId: id, matchedDuplicate: false });
  }

  private async search(
    key: 'email' | 'socialLink',
    value: string,
    userEmail: string | null,
  ): Promise<Result<DestinationRecord | null, DestinationError>> {
    const answer = await this.call(
      { path: '/v1/candidates/search', query: { key, value, userEmail } },
      'person',
    );
    if (!answer.ok) return answer;
    const parsed = searchSchema.safeParse(answer.value);
    if (!parsed.success) return invalid('candidates/search');
    if (parsed.data.candidates.length === 0) return ok(null);
    for (const raw of parsed.data.candidates) {
      const hit = searchHitSchema.safeParse(raw);
      if (hit.success)
        return ok({ remoteId: hit.data.candidateId, fields: recordFields(hit.data) });
    }
    // A match we cannot read must not become "none found": that would create a duplicate.
    return invalid('candidates/search');
  }

  private actingAs(userEmail: string | null): string | null {
    return userEmail ?? this.ownUserEmail;
  }

  /** One request; the JSON answer of a 2xx, else the failure in the terms of the interface. */
  private async call(
    request: VendorRequest,
    scope: Scope,
  ): Promise<Result<unknown, DestinationError>> {
    if (!this.apiKey) return err({ kind: 'auth', message: 'No SourceWhale API key is configured' });
    try {
      const response = await this.http.request(request);
      const body = parseJson(response.text());
      if (response.status >= 200 && response.status < 300) return ok(body);
      return err(toError(response.status, body, request.path, scope));
    } catch (error) {
      if (error instanceof VendorUnavailableError)
        return err({ kind: 'unavailable', message: error.message });
      throw error;
    }
  }
}

function toError(status: number, body: unknown, path: string, scope: Scope): DestinationError {
  const parsed = errorBodySchema.safeParse(body);
  const vendorMessage = parsed.success ? (parsed.data.message ?? parsed.data.error) : undefined;
  const detail = vendorMessage ?? `HTTP ${status}`;
  if (status === 401 || status === 403)
    return { kind: 'auth', message: `SourceWhale refused the API key (HTTP ${status}): ${detail}` };
  if (status >= 500)
    return { kind: 'unavailable', message: `SourceWhale ${path} answered ${status}: ${detail}` };
  if (scope === 'person') return { kind: 'rejected', status, message: detail };
  if (status === 404) return { kind: 'not_found', message: `SourceWhale ${path}: ${detail}` };
  return { kind: 'invalid_response', message: `SourceWhale ${path} answered ${status}: ${detail}` };
}

function recordFields(hit: z.infer<typeof searchHitSchema>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS) {
    const value = hit[field];
    if (value !== null && value !== undefined) fields[field] = value;
  }
  return fields;
}

function invalid(what: string): Result<never, DestinationError> {
  return err({ kind: 'invalid_response', message: `Unexpected SourceWhale ${what} answer` });
}

/** The body as JSON; null for an empty body or one that is not JSON (callers validate). */
function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
