import { In, type DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { DestinationConnector, ExportPerson, FieldTargets } from '../connectors/destination';
import type { PubSub } from '../database/pg-pubsub';
import { Connection, ExportItem, ExportJob } from '../entities';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import { exportTopic, MAX_RESULTS_PER_EVENT, type ExportItemResult } from './export-events';
import { ExportItemSender, type ItemDecision } from './export-item-sender';
import { jobEvent } from './export-progress';
import type { DestinationFactory } from './export-service';
import { resolveTargets } from './field-rules';

/** Loads candidates as they leave Rediscover (enriched: ATS data plus the matched profile). */
export type ExportPeopleLoader = (
  organizationId: string,
  candidateIds: string[],
) => Promise<Map<string, ExportPerson>>;

export interface ExportRunnerDeps {
  dataSource: DataSource;
  destinations: DestinationFactory;
  people: ExportPeopleLoader;
  pubsub: PubSub;
  queue: JobQueue<AppJob>;
  logger: Logger;
  /** Items per destination round (and between cancel checks). */
  batchSize: number;
  dummyEmailDomain: string;
}

/** Thrown to let the queue retry the job later (the destination is down): items stay resumable. */
export class ExportRetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportRetryLater';
  }
}

/**
 * Runs one export job to its end, in small batches: each item's state is written before and
 * after its destination call, so a killed worker resumes where it stopped, and an item caught
 * mid-send looks the person up at the destination again instead of creating them twice. One
 * worker at a time runs a given job (an advisory lock held for the run).
 */
export class ExportRunner {
  constructor(private readonly deps: ExportRunnerDeps) {}

  /** Worker start-up: jobs left QUEUED or RUNNING by a process that died are sent again. */
  async resumeStranded(): Promise<number> {
    const stranded = await this.deps.dataSource
      .getRepository(ExportJob)
      .find({ where: { state: In(['QUEUED', 'RUNNING']) }, select: ['id'] });
    for (const job of stranded)
      await this.deps.queue.send({ type: 'run-export', exportJobId: job.id }, { retryLimit: 10 });
    if (stranded.length > 0)
      this.deps.logger.info({ count: stranded.length }, 'resuming interrupted exports');
    return stranded.length;
  }

  async run(exportJobId: string): Promise<void> {
    const lock = this.deps.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [row] = (await lock.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `export:${exportJobId}`,
      ])) as { locked: boolean }[];
      if (!row?.locked) {
        this.deps.logger.info({ exportJobId }, 'export is being run by another worker');
        return;
      }
      try {
        await this.runLocked(exportJobId);
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`export:${exportJobId}`]);
      }
    } finally {
      await lock.release();
    }
  }

  private async runLocked(exportJobId: string): Promise<void> {
    const { dataSource, logger } = this.deps;
    const job = await dataSource.getRepository(ExportJob).findOneBy({ id: exportJobId });
    if (!job || (job.state !== 'QUEUED' && job.state !== 'RUNNING')) return;
    const connection = await dataSource.getRepository(Connection).findOneBy({
      id: job.destinationId,
      organizationId: job.organizationId,
    });
    if (!connection) {
      await this.finish(job, 'FAILED', 'the destination connection was removed');
      return;
    }
    if (job.state === 'QUEUED') {
      await dataSource
        .getRepository(ExportJob)
        .update({ id: job.id, state: 'QUEUED' }, { state: 'RUNNING', startedAt: new Date() });
      await this.publish(job.id, []);
    }
    const destination = this.deps.destinations(connection);
    const targets: FieldTargets = resolveTargets(
      destination.defaultTargets,
      connection.settings.fieldMapping,
    );
    const sender = new ExportItemSender({
      dataSource,
      job,
      destination,
      targets,
      settings: connection.settings,
      dummyEmailDomain: this.deps.dummyEmailDomain,
    });
    for (;;) {
      const items = await dataSource.getRepository(ExportItem).find({
        where: { exportJobId: job.id, state: In(['PENDING', 'SENDING']) },
        order: { position: 'ASC' },
        take: this.deps.batchSize,
      });
      if (items.length === 0) break;
      const people = await this.deps.people(
        job.organizationId,
        items.map((i) => i.candidateId),
      );
      const results: ExportItemResult[] = [];
      for (const item of items) {
        if (!(await this.stillRunning(job.id))) {
          await this.publish(job.id, results);
          return;
        }
        const decision = await sender.send(item, people.get(item.candidateId) ?? null);
        if (decision.kind === 'stop') {
          await this.publish(job.id, results);
          await this.stop(job, destination, decision);
          return;
        }
        if (decision.kind === 'result') results.push(decision.result);
      }
      await this.publish(job.id, results);
    }
    await this.finish(job, 'COMPLETED', null);
    logger.info({ exportJobId: job.id }, 'export completed');
  }

  private async stop(
    job: ExportJob,
    destination: DestinationConnector,
    decision: Extract<ItemDecision, { kind: 'stop' }>,
  ): Promise<void> {
    if (decision.retry) {
      // The destination is down: the queue tries again later; the item waits as SENDING.
      throw new ExportRetryLater(`${destination.provider}: ${decision.message}`);
    }
    await this.finish(job, 'FAILED', decision.message);
  }

  private async stillRunning(jobId: string): Promise<boolean> {
    const row = await this.deps.dataSource
      .getRepository(ExportJob)
      .findOne({ where: { id: jobId }, select: ['id', 'state'] });
    return row?.state === 'RUNNING';
  }

  private async finish(job: ExportJob, state: 'COMPLETED' | 'FAILED', error: string | null) {
    await this.deps.dataSource.transaction(async (tx) => {
      await tx
        .getRepository(ExportJob)
        .update(
          { id: job.id, state: In(['QUEUED', 'RUNNING']) },
          { state, error, finishedAt: new Date() },
        );
      if (state === 'FAILED') {
        // What was never sent is not sent now.
        await tx
          .getRepository(ExportItem)
          .update(
            { exportJobId: job.id, state: 'PENDING' },
            { state: 'CANCELLED', outcome: 'CANCELLED', finishedAt: new Date() },
          );
      }
    });
    await this.publish(job.id, []);
  }

  private async publish(jobId: string, results: ExportItemResult[]): Promise<void> {
    const job = await this.deps.dataSource.getRepository(ExportJob).findOneByOrFail({ id: jobId });
    for (let i = 0; i < Math.max(results.length, 1); i += MAX_RESULTS_PER_EVENT) {
      await this.deps.pubsub.publish(
        exportTopic(jobId),
        jobEvent(job, results.slice(i, i + MAX_RESULTS_PER_EVENT)),
      );
    }
  }
}
