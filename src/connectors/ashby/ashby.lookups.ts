import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { AshbyClient } from './ashby.client';
import type { CustomFieldTypes, JobLookups } from './ashby.mapper';
import { readAll } from './ashby.pages';
import {
  ashbyCustomFieldDefinitionSchema,
  ashbyDepartmentSchema,
  ashbyJobPostingSchema,
  ashbyLocationSchema,
  type AshbyJobPosting,
} from './ashby.schemas';

/**
 * Small reference lists the mappers need but records only name by id: custom field types,
 * department and location names, job postings. Read once and kept for a few minutes, so a run
 * pays for them once rather than on every page; failures are not kept.
 *
 * A key allowed to read a stream but not its lookup (say jobsRead without organizationRead) still
 * mirrors the stream, with the names missing: `verify()` reports the permission.
 */

const DEFAULT_TTL_MS = 5 * 60_000;

type Loaded<T> = Promise<Result<T, ConnectorError>>;

export class AshbyLookups {
  private readonly cache = new Map<string, { expiresAt: number; value: Loaded<unknown> }>();

  constructor(
    private readonly client: AshbyClient,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forget one list (a new run of a stream wants fresh names), or all. */
  invalidate(list?: 'customFields' | 'jobs'): void {
    if (!list) return this.cache.clear();
    this.cache.delete(list);
    if (list === 'jobs')
      for (const key of this.cache.keys()) if (key.startsWith('job:')) this.cache.delete(key);
  }

  /**
   * One job as `job.info` answers it, for webhooks: a burst of stage moves on one job reads it
   * once. Job edits arrive as their own webhooks, which run an incremental sync.
   */
  jobInfo(id: string): Loaded<unknown> {
    return this.cached(`job:${id}`, async () => {
      const answer = await this.client.call('job.info', { id });
      return answer.ok ? ok(answer.value.results) : answer;
    });
  }

  customFieldTypes(): Loaded<CustomFieldTypes> {
    return this.cached('customFields', async () => {
      const fields = await readAll(
        this.client,
        'customField.list',
        { includeArchived: true, limit: 100 },
        ashbyCustomFieldDefinitionSchema,
      );
      if (!fields.ok) return orEmpty(fields.error, new Map<string, string>());
      const types = new Map<string, string>();
      for (const { value } of fields.value.items)
        if (value.fieldType) types.set(value.id, value.fieldType);
      return ok(types);
    });
  }

  jobLookups(): Loaded<JobLookups> {
    return this.cached('jobs', async () => {
      const [departments, locations, postings] = await Promise.all([
        this.names('department.list', { includeArchived: true, limit: 100 }, ashbyDepartmentSchema),
        this.names('location.list', { includeArchived: true }, ashbyLocationSchema),
        readAll(this.client, 'jobPosting.list', {}, ashbyJobPostingSchema),
      ]);
      if (!departments.ok) return departments;
      if (!locations.ok) return locations;
      const postingsByJob = new Map<string, AshbyJobPosting[]>();
      if (postings.ok) {
        for (const { value } of postings.value.items) {
          postingsByJob.set(value.jobId, [...(postingsByJob.get(value.jobId) ?? []), value]);
        }
      } else if (postings.error.kind !== 'permission') {
        return postings;
      }
      return ok({ departments: departments.value, locations: locations.value, postingsByJob });
    });
  }

  private async names(
    method: 'department.list' | 'location.list',
    body: Record<string, unknown>,
    schema: typeof ashbyDepartmentSchema | typeof ashbyLocationSchema,
  ): Promise<Result<Map<string, string>, ConnectorError>> {
    const list = await readAll(this.client, method, body, schema);
    if (!list.ok) return orEmpty(list.error, new Map<string, string>());
    return ok(new Map(list.value.items.map(({ value }) => [value.id, value.name])));
  }

  private cached<T>(key: string, load: () => Loaded<T>): Loaded<T> {
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value as Loaded<T>;
    const entry = { expiresAt: this.now() + this.ttlMs, value: load() };
    this.cache.set(key, entry);
    return entry.value.then((result) => {
      if (!result.ok && this.cache.get(key) === entry) this.cache.delete(key);
      return result;
    });
  }
}

/** A missing permission degrades to "no names"; anything else fails the caller. */
function orEmpty<T>(error: ConnectorError, empty: T): Result<T, ConnectorError> {
  return error.kind === 'permission' ? ok(empty) : err(error);
}
