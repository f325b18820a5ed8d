import { In, IsNull } from 'typeorm';
import { BadInputError, NotFoundError } from '../common/errors';
import {
  checkOutboundUrl,
  OutboundAddressError,
  type OutboundPolicy,
} from '../common/outbound-guard';
import type { SecretBox } from '../common/secret-box';
import type { OrgScope } from '../database/org-scope';
import { Connection, Job, Stage, StageTrigger, WebhookDelivery } from '../entities';
import type { DeliveryAttempt } from '../entities/webhook-delivery.entity';
import { newSigningSecret } from './webhook-signature';

export interface AtsJob {
  id: string;
  title: string;
  status: string | null;
  /** Stage names as the ATS spells them, in pipeline order. */
  stages: string[];
}

export interface CreateTriggerInput {
  connectionId: string;
  jobId: string;
  stage: string;
  webhookUrl?: string | null;
}

export interface TriggerAttempt extends DeliveryAttempt {
  eventId: string;
}

/**
 * Stage triggers (capability 9): what a partner can pick (an ATS's jobs and their stages), and
 * the triggers themselves with their signing secrets (shown once, kept sealed). Firing and
 * delivering are the dispatcher's and the delivery worker's, in worker processes.
 */
export class TriggerService {
  constructor(private readonly deps: { secrets: SecretBox; outbound: OutboundPolicy }) {}

  async atsJobs(scope: OrgScope, connectionId: string): Promise<AtsJob[]> {
    const connection = await this.atsConnection(scope, connectionId, 'connectionId');
    const jobs = await scope.find(Job, {
      where: { connectionId: connection.id, deletedAt: IsNull() },
      order: { title: 'ASC' },
    });
    const stages = await this.stagesOf(
      scope,
      connection.id,
      jobs.map((j) => j.id),
    );
    return jobs.map((job) => ({
      id: job.id,
      title: job.title,
      status: job.remoteStatus ?? job.status,
      stages: stages.get(job.id) ?? [],
    }));
  }

  async create(
    scope: OrgScope,
    input: CreateTriggerInput,
  ): Promise<{ trigger: StageTrigger; signingSecret: string }> {
    const connection = await this.atsConnection(scope, input.connectionId, 'input.connectionId');
    const job = await scope.findOne(Job, {
      where: { id: input.jobId, connectionId: connection.id, deletedAt: IsNull() },
    });
    if (!job) {
      throw new BadInputError(`job ${input.jobId} is not a job of this connection (see atsJobs)`, {
        field: 'input.jobId',
      });
    }
    const stages = (await this.stagesOf(scope, connection.id, [job.id])).get(job.id) ?? [];
    if (!stages.includes(input.stage)) {
      throw new BadInputError(
        `job "${job.title}" has no stage "${input.stage}" (its stages: ${stages.join(', ') || 'none'})`,
        { field: 'input.stage' },
      );
    }
    let webhookUrl: string | null = null;
    if (input.webhookUrl) {
      try {
        webhookUrl = (await checkOutboundUrl(input.webhookUrl, this.deps.outbound)).toString();
      } catch (error) {
        if (!(error instanceof OutboundAddressError)) throw error;
        throw new BadInputError(`webhookUrl ${error.message}`, { field: 'input.webhookUrl' });
      }
    }
    const signingSecret = newSigningSecret();
    const trigger = await scope.insert(StageTrigger, {
      connectionId: connection.id,
      jobId: job.id,
      stage: input.stage,
      webhookUrl,
      secretCiphertext: this.deps.secrets.seal(signingSecret),
      active: true,
      disabledReason: null,
    });
    return { trigger, signingSecret };
  }

  list(scope: OrgScope): Promise<StageTrigger[]> {
    return scope.find(StageTrigger, { order: { createdAt: 'ASC' } });
  }

  async get(scope: OrgScope, id: string): Promise<StageTrigger> {
    const trigger = await scope.findById(StageTrigger, id);
    if (!trigger) throw new NotFoundError('Stage trigger', id);
    return trigger;
  }

  /** Removes the trigger; its undelivered events are not sent any more. */
  async remove(scope: OrgScope, id: string): Promise<boolean> {
    const trigger = await this.get(scope, id);
    await scope.transaction(async (tx) => {
      await tx.update(
        WebhookDelivery,
        { stageTriggerId: trigger.id, state: 'PENDING' },
        { state: 'FAILED', lastError: 'the trigger was removed', nextAttemptAt: null },
      );
      await tx.delete(StageTrigger, { id: trigger.id });
    });
    return true;
  }

  /** Every delivery attempt of the trigger's events, newest first. */
  async attempts(scope: OrgScope, triggerId: string, first: number): Promise<TriggerAttempt[]> {
    const deliveries = await scope.find(WebhookDelivery, {
      where: { stageTriggerId: triggerId },
      order: { createdAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 100),
    });
    return deliveries
      .flatMap((d) =>
        [...d.attemptLog].reverse().map((a) => ({ ...a, eventId: d.eventId ?? d.id })),
      )
      .slice(0, first);
  }

  private async atsConnection(scope: OrgScope, id: string, field: string): Promise<Connection> {
    const connection = await scope.findById(Connection, id);
    if (!connection) throw new NotFoundError('Connection', id);
    if (connection.provider === 'SOURCEWHALE') {
      throw new BadInputError('SourceWhale is an export destination: it has no stages', { field });
    }
    return connection;
  }

  /** Stage names per job: the job's own pipeline, else the connection's shared stages. */
  private async stagesOf(
    scope: OrgScope,
    connectionId: string,
    jobIds: string[],
  ): Promise<Map<string, string[]>> {
    if (jobIds.length === 0) return new Map();
    const rows = await scope.find(Stage, {
      where: [
        { connectionId, jobId: In(jobIds), deletedAt: IsNull() },
        { connectionId, jobId: IsNull(), deletedAt: IsNull() },
      ],
      order: { position: 'ASC' },
    });
    const shared = rows.filter((s) => s.jobId === null).map((s) => s.name);
    const byJob = new Map<string, string[]>();
    for (const id of jobIds) {
      const own = rows.filter((s) => s.jobId === id).map((s) => s.name);
      byJob.set(id, [...new Set(own.length > 0 ? own : shared)]);
    }
    return byJob;
  }
}
