import type { Logger } from '../common/logger';
import type { JobHandler, JobParser, JobQueue, QueuedJob, SendOptions } from './job-queue';

/**
 * Runs jobs in this process as soon as they are sent, for tests and single-shot tools.
 * Not durable. `drain()` waits until every job (and the jobs they sent) is done.
 */
export class InlineQueue<J extends QueuedJob> implements JobQueue<J> {
  private readonly handlers = new Map<string, JobHandler<J>>();
  private readonly running = new Set<Promise<void>>();
  private readonly waiting: { job: J; options: SendOptions }[] = [];
  private stopped = false;

  constructor(
    private readonly parse: JobParser<J>,
    private readonly logger: Logger,
  ) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  async send(job: J, options: SendOptions = {}): Promise<void> {
    // Round-trip through JSON like a stored payload, so tests see what workers see.
    const copy = this.parse(JSON.parse(JSON.stringify(job)));
    if (this.handlers.has(copy.type)) this.run(copy, options);
    else this.waiting.push({ job: copy, options });
    return Promise.resolve();
  }

  work(types: readonly J['type'][], handler: JobHandler<J>): Promise<void> {
    for (const type of types) this.handlers.set(type, handler);
    for (const item of this.waiting.splice(0)) {
      if (this.handlers.has(item.job.type)) this.run(item.job, item.options);
      else this.waiting.push(item);
    }
    return Promise.resolve();
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.drain();
  }

  private run(job: J, options: SendOptions): void {
    if (this.stopped) return;
    const handler = this.handlers.get(job.type);
    if (!handler) return;
    const attempts = (options.retryLimit ?? 0) + 1;
    const task = (async () => {
      const delayMs = (options.delaySeconds ?? 0) * 1000;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          await handler([job]);
          return;
        } catch (error) {
          this.logger.warn({ err: error, type: job.type, attempt }, 'inline job failed');
        }
      }
    })();
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }
}
