/**
 * The shape every simulator's handle shares, so tests and benchmarks can drive any vendor the
 * same way.
 */
import type { Dataset } from '../generator';
import type { DatasetMutations } from './dataset-mutator';
import type { FaultControls } from './fault-injector';
import type { VendorIds } from './id-registry';
import type { RateLimitPolicy } from './rate-limiter';
import type { RequestLog } from './request-log';
import type { WebhookRetryOptions } from './webhook-sender';

/** Options every `start*Simulator` accepts. */
export interface SimulatorOptions {
  /** Port to listen on. Default 0 (any free port). */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Serve this dataset (shared with the test); otherwise one is generated from the fields below. */
  dataset?: Dataset;
  /** Seed for a generated dataset. Default 'rediscover'. */
  seed?: string | number;
  /** Candidates in a generated dataset. Default 25. */
  candidates?: number;
  /** Jobs in a generated dataset. Default 40. */
  jobs?: number;
  /** The generated world's present. Default 2026-01-01T00:00:00Z. */
  now?: number | Date;
  /** Rate limit per credential; `false` disables it. Default: the vendor's documented limit. */
  rateLimit?: RateLimitPolicy | false;
  /** Webhook delivery retries (scaled down from the vendor's schedule). */
  webhookRetry?: WebhookRetryOptions;
}

/** Read and change the rate limit while the simulator runs. */
export interface RateLimitControls {
  /** The limit in force (`false`: unlimited). */
  readonly policy: RateLimitPolicy | false;
  /** The vendor's default, for comparing achieved with allowed rates. */
  readonly vendorDefault: RateLimitPolicy;
  set(policy: RateLimitPolicy | false): void;
}

export interface SimulatorHandle<Id extends string | number, Credentials> {
  /** Base URL, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  /** Credentials with every permission. */
  readonly credentials: Credentials;
  /** The live neutral data: what a connector should end up with. */
  readonly dataset: Dataset;
  /** Neutral key ↔ vendor id. */
  readonly ids: VendorIds<Id>;
  readonly mutate: DatasetMutations;
  readonly faults: FaultControls;
  readonly rateLimit: RateLimitControls;
  readonly requestLog: RequestLog;
  close(): Promise<void>;
}
