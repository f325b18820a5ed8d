/**
 * Durable background work. Payloads are discriminated unions on `type` and carry ids, never
 * entities. Two implementations: PostgreSQL-backed (pg-boss) for real runs, inline for tests.
 */
export interface QueuedJob {
  type: string;
}

export interface SendOptions {
  /** At most one queued job with this key at a time (e.g. one sync per connection). */
  singletonKey?: string;
  /** Run no earlier than this many seconds from now. */
  delaySeconds?: number;
  /** Attempts after the first failure. Default 3, with exponential backoff. */
  retryLimit?: number;
}

export type JobHandler<J extends QueuedJob> = (job: J) => Promise<void>;

export interface WorkOptions {
  /** Jobs of one type handled at the same time by this process. Default 2. */
  concurrency?: number;
}

export interface JobQueue<J extends QueuedJob> {
  start(): Promise<void>;
  /** Enqueues a job; resolves once it is stored durably. */
  send(job: J, options?: SendOptions): Promise<void>;
  /** Starts handling jobs of the given types in this process (workers only). */
  work(types: readonly J['type'][], handler: JobHandler<J>, options?: WorkOptions): Promise<void>;
  /** Stops taking new jobs and waits for running ones. */
  stop(): Promise<void>;
}

/** Turns a stored payload back into a job, rejecting anything malformed. */
export type JobParser<J extends QueuedJob> = (data: unknown) => J;
