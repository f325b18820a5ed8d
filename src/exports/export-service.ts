import { In, IsNull } from 'typeorm';
import { type AppError, BadInputError, NotFoundError } from '../common/errors';
import type { Result } from '../common/result';
import type {
  DestinationCampaign,
  DestinationConnector,
  DestinationError,
  DestinationJob,
  ExportPerson,
  SendResult,
  SendTarget,
} from '../connectors/destination';
import type { OrgScope } from '../database/org-scope';
import type { PubSub } from '../database/pg-pubsub';
import { Candidate, Connection, ExportItem, ExportJob } from '../entities';
import type { ExportAs } from '../entities/export-job.entity';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import type { SearchService } from '../search/search-service';
import type { SearchFilter } from '../search/search-types';
import { destinationFailure } from './destination-failure';
import { exportTopic, type ExportJobEvent } from './export-events';
import { jobEvent } from './export-progress';
import { resolveTargets } from './field-rules';

/** Builds the destination side of a connection with its opened credentials (main.ts decides how). */
export type DestinationFactory = (connection: Connection) => DestinationConnector;

export interface StartExportInput {
  destinationId: string;
  candidateIds?: string[] | null;
  search?: { query?: string | null; filter?: SearchFilter | null } | null;
  as: ExportAs;
  campaignId?: string | null;
  jobId?: string | null;
  includePreviouslyExported?: boolean;
  generateDummyEmails?: boolean;
  dryRun?: boolean;
}

export interface ExportServiceDeps {
  destinations: DestinationFactory;
  queue: JobQueue<AppJob>;
  search: SearchService;
  pubsub: PubSub;
  maxCandidates: number;
}

/**
 * The API side of exports (capability 8): what a destination offers the calling user, starting
 * an export as a durable job over a snapshot of candidate ids, cancelling one. The work itself
 * is the ExportRunner's, in whichever worker process takes the job.
 */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  async campaigns(scope: OrgScope, connectionId: string): Promise<DestinationCampaign[]> {
    const destination = await this.destination(scope, connectionId, 'connectionId');
    return unwrap(
      await destination.listCampaigns(scope.tenant.userEmail),
      destination,
      'connectionId',
    );
  }

  /** The destination's jobs the calling user may see, within the connection's status whitelist. */
  async jobs(scope: OrgScope, connectionId: string): Promise<DestinationJob[]> {
    const connection = await this.connection(scope, connectionId, 'connectionId');
    return this.jobsOf(scope, connection);
  }

  async start(scope: OrgScope, input: StartExportInput): Promise<ExportJob> {
    const connection = await this.connection(scope, input.destinationId, 'input.destinationId');
    const target = checkTarget(input);
    await this.checkOffered(scope, connection, target, {
      jobId: 'input.jobId',
      campaignId: 'input.campaignId',
    });
    const candidateIds = await this.selection(scope, input);
    const job = await scope.transaction(async (tx) => {
      const created = await tx.insert(ExportJob, {
        userId: scope.tenant.userId,
        userEmail: scope.tenant.userEmail,
        destinationId: connection.id,
        exportAs: target.as,
        campaignId: target.as === 'PROSPECT' ? target.campaignId : null,
        jobId: target.as === 'CANDIDATE' ? target.jobId : null,
        selection: input.search
          ? {
              kind: 'search',
              query: input.search.query ?? null,
              filter: (input.search.filter ?? {}) as Record<string, unknown>,
            }
          : { kind: 'ids', candidateIds },
        includePreviouslyExported: input.includePreviouslyExported ?? false,
        generateDummyEmails: input.generateDummyEmails ?? false,
        dryRun: input.dryRun ?? false,
        state: 'QUEUED',
        total: candidateIds.length,
      });
      await tx.withManager(async (manager) => {
        // One statement for the whole snapshot (tens of thousands of ids).
        await manager.query(
          `INSERT INTO export_items (organization_id, export_job_id, destination_id, candidate_id, position)
           SELECT $1, $2, $3, c.id, c.position - 1
           FROM unnest($4::uuid[]) WITH ORDINALITY AS c(id, position)`,
          [scope.organizationId, created.id, connection.id, candidateIds],
        );
      });
      return created;
    });
    // Sent once the rows are committed (a runner must find them); a job left QUEUED by a crash
    // in between is sent again when a worker starts (ExportRunner.resumeStranded).
    await this.deps.queue.send({ type: 'run-export', exportJobId: job.id }, { retryLimit: 10 });
    return job;
  }

  /**
   * verifyConnection's test candidate: one clearly marked person sent as a prospect into
   * `campaignId` or as a candidate into `jobId` (one of those the destination offers the user).
   * The same test person every time, so a second verification updates the first record.
   */
  async sendTest(
    scope: OrgScope,
    connectionId: string,
    target: { jobId?: string | null; campaignId?: string | null },
  ): Promise<SendResult> {
    const connection = await this.connection(scope, connectionId, 'id');
    // Field names as verifyConnection's arguments say them.
    const checked = checkTarget({
      destinationId: connectionId,
      search: {},
      as: target.jobId ? 'CANDIDATE' : 'PROSPECT',
      campaignId: target.campaignId ?? null,
      jobId: target.jobId ?? null,
    });
    await this.checkOffered(scope, connection, checked, {
      jobId: 'testJobId',
      campaignId: 'testCampaignId',
    });
    const destination = this.deps.destinations(connection);
    const person = testPerson(connection.id);
    const userEmail = scope.tenant.userEmail;
    const found = unwrap(await destination.findExisting(person, userEmail), destination, 'id');
    return unwrap(
      await destination.send({
        person,
        target: checked,
        userEmail,
        targets: resolveTargets(destination.defaultTargets, connection.settings.fieldMapping),
        omit: new Set(),
        existing: found,
        test: true,
      }),
      destination,
      'id',
    );
  }

  /** Stops an export: nothing more is sent once the runner notices (within one item). */
  async cancel(scope: OrgScope, id: string): Promise<ExportJob> {
    const job = await this.job(scope, id);
    if (job.state === 'QUEUED' || job.state === 'RUNNING') {
      await scope.transaction(async (tx) => {
        await tx.update(
          ExportJob,
          { id: job.id, state: In(['QUEUED', 'RUNNING']) },
          { state: 'CANCELLED', finishedAt: new Date() },
        );
        await tx.update(
          ExportItem,
          { exportJobId: job.id, state: 'PENDING' },
          { state: 'CANCELLED', outcome: 'CANCELLED', finishedAt: new Date() },
        );
      });
      const cancelled = await this.job(scope, id);
      await this.deps.pubsub.publish(exportTopic(job.id), jobEvent(cancelled, []));
      return cancelled;
    }
    return job;
  }

  async job(scope: OrgScope, id: string): Promise<ExportJob> {
    const job = await scope.findById(ExportJob, id);
    if (!job) throw new NotFoundError('Export job', id);
    return job;
  }

  /** The job's state now, then every change (the subscription's stream). */
  async *events(scope: OrgScope, id: string): AsyncGenerator<ExportJobEvent> {
    // Subscribe before reading, so no change falls between the two.
    const events = this.deps.pubsub.subscribe<ExportJobEvent>(exportTopic(id));
    try {
      const job = await this.job(scope, id);
      yield jobEvent(job, []);
      if (isFinal(job.state)) return;
      for await (const event of events) {
        yield event;
        if (isFinal(event.state)) return;
      }
    } finally {
      await events.return?.();
    }
  }

  /** The job or campaign must be one the destination offers the calling user. */
  private async checkOffered(
    scope: OrgScope,
    connection: Connection,
    target: SendTarget,
    fields: { jobId: string; campaignId: string },
  ): Promise<void> {
    if (target.as === 'CANDIDATE') {
      const offered = await this.jobsOf(scope, connection);
      if (!offered.some((j) => j.id === target.jobId)) {
        throw new BadInputError(
          `job ${target.jobId} is not one this destination offers you (see destinationJobs)`,
          { field: fields.jobId },
        );
      }
      return;
    }
    const destination = this.deps.destinations(connection);
    const campaigns = unwrap(
      await destination.listCampaigns(scope.tenant.userEmail),
      destination,
      fields.campaignId,
    );
    if (!campaigns.some((c) => c.id === target.campaignId)) {
      throw new BadInputError(
        `campaign ${target.campaignId} is not one of yours at this destination (see destinationCampaigns)`,
        { field: fields.campaignId },
      );
    }
  }

  private async jobsOf(scope: OrgScope, connection: Connection): Promise<DestinationJob[]> {
    const destination = this.deps.destinations(connection);
    const jobs = unwrap(
      await destination.listJobs(scope.tenant.userEmail),
      destination,
      'connectionId',
    );
    const whitelist = (connection.settings.jobStatusWhitelist ?? []).map((s) => s.toLowerCase());
    if (whitelist.length === 0) return jobs;
    // Jobs without a status (SourceWhale projects) are outside what the whitelist speaks of.
    return jobs.filter((j) => j.status === null || whitelist.includes(j.status.toLowerCase()));
  }

  /** The candidate ids to export, fixed now: a snapshot of the search or the given ids. */
  private async selection(scope: OrgScope, input: StartExportInput): Promise<string[]> {
    const max = this.deps.maxCandidates;
    if (input.search) {
      const found = await this.deps.search.matchingIds(scope.organizationId, input.search, max);
      if (found.ids === null) {
        throw new BadInputError(
          `the search matches ${found.total} candidates; an export takes at most ${max} (EXPORT_MAX_CANDIDATES)`,
          { field: 'input.search' },
        );
      }
      if (found.ids.length === 0)
        throw new BadInputError('the search matches no candidate', { field: 'input.search' });
      return found.ids;
    }
    const ids = [...new Set(input.candidateIds ?? [])];
    if (ids.length > max) {
      throw new BadInputError(
        `${ids.length} candidates; an export takes at most ${max} (EXPORT_MAX_CANDIDATES)`,
        { field: 'input.candidateIds' },
      );
    }
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 5000) {
      const rows = await scope.find(Candidate, {
        where: { id: In(ids.slice(i, i + 5000)), deletedAt: IsNull() },
        select: ['id'],
      });
      for (const row of rows) found.add(row.id);
    }
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new NotFoundError('Candidate', missing);
    return ids;
  }

  private async destination(
    scope: OrgScope,
    connectionId: string,
    field: string,
  ): Promise<DestinationConnector> {
    return this.deps.destinations(await this.connection(scope, connectionId, field));
  }

  private async connection(scope: OrgScope, id: string, field: string): Promise<Connection> {
    const connection = await scope.findById(Connection, id);
    if (!connection) throw new NotFoundError('Connection', id);
    if (!connection.capabilities.includes('EXPORT')) {
      throw new BadInputError(
        `connection ${connection.name} is not an export destination (add the EXPORT capability)`,
        { field },
      );
    }
    return connection;
  }
}

const isFinal = (state: ExportJob['state']): boolean =>
  state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';

function checkTarget(input: StartExportInput): SendTarget {
  const hasIds = input.candidateIds !== null && input.candidateIds !== undefined;
  const hasSearch = input.search !== null && input.search !== undefined;
  if (hasIds === hasSearch) {
    throw new BadInputError('give either candidateIds or search, not both', {
      field: hasIds ? 'input.search' : 'input.candidateIds',
    });
  }
  if (input.candidateIds?.length === 0)
    throw new BadInputError('candidateIds is empty', { field: 'input.candidateIds' });
  if (input.as === 'PROSPECT') {
    if (!input.campaignId)
      throw new BadInputError('PROSPECT exports need a campaignId', { field: 'input.campaignId' });
    if (input.jobId)
      throw new BadInputError('PROSPECT exports go to a campaign, not a job', {
        field: 'input.jobId',
      });
    return { as: 'PROSPECT', campaignId: input.campaignId };
  }
  if (!input.jobId)
    throw new BadInputError('CANDIDATE exports need a jobId', { field: 'input.jobId' });
  if (input.campaignId)
    throw new BadInputError('CANDIDATE exports go to a job, not a campaign', {
      field: 'input.campaignId',
    });
  return { as: 'CANDIDATE', jobId: input.jobId };
}

/** A destination's answer, or the error a caller should see (never the vendor's raw words). */
function unwrap<T>(
  result: Result<T, DestinationError>,
  destination: DestinationConnector,
  field: string,
): T {
  if (result.ok) return result.value;
  const failure: AppError = destinationFailure(destination.provider, result.error, field);
  throw failure;
}

/** The verification test person: plainly a test, stable per destination so it is found again. */
function testPerson(connectionId: string): ExportPerson {
  const tag = connectionId.slice(0, 8);
  return {
    candidateId: connectionId,
    name: 'Rediscover Test Candidate',
    firstName: 'Rediscover',
    lastName: 'Test Candidate',
    emails: [`rediscover-test-${tag}@rediscover.invalid`],
    phones: [],
    source: 'Rediscover',
    location: null,
    linkedinUrl: null,
    githubUrl: null,
    socialLinks: [],
    currentTitle: 'Test record: safe to delete',
    currentCompany: 'Rediscover',
    experience: [],
    education: [],
  };
}
