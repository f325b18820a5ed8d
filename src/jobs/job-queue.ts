/**
 * Durable background work. Payloads are discriminated unions on `type` and carry ids, never
 * entities. Two implementations: PostgreSQL-backed (pg-boss) for real runs, inline for tests.
 */
export interface QueuedJob {
  type: string;
}

/**
 * A transaction of the app's database (the queue's tables live there too). A job sent with one
 * is stored by that transaction: it exists if and only if the transaction commits.
 */
export interface QueueTransaction {
  query(text: string, values: unknown[]): Promise<unknown>;
}

export interface SendOptions {
  /** At most one queued job with this key at a time (e.g. one sync per connection). */
  singletonKey?: string;
  /** Run no earlier than this many seconds from now. */
  delaySeconds?: number;
  /** Attempts after the first failure. Default 3, with exponential backoff. */
  retryLimit?: number;
  /** Store the job in this transaction instead of on its own (the inline queue runs it anyway). */
  transaction?: QueueTransaction;
}

/**
 * Handles a batch of jobs of one type (a batch of one unless `batchSize` says more), so cheap
 * jobs can be coalesced (e.g. many "candidate changed" events into one indexing pass). A throw
 * retries the whole batch: handlers must be idempotent.
 */
export type JobHandler<J extends QueuedJob> = (jobs: J[]) => Promise<void>;

export interface WorkOptions {
  /** Batches handled at the same time by this process. Default 2. */
  concurrency?: number;
  /** Jobs fetched and handled together. Default 1. */
  batchSize?: number;
  /**
   * Idempotent jobs only: jobs of these types that other processes hold (a killed worker's,
   * which would otherwise wait out their expiry) are handed back to the queue when this process
   * starts working them. A live process's batch may then run twice. Default false.
   */
  reclaimActive?: boolean;
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
