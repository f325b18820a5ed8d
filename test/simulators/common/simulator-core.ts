/**
 * The vendor-independent parts of a running simulator: traffic controls (faults, rate limiting,
 * request log) and, for the ATS simulators, data, clock and mutations. Each `start*Simulator`
 * builds these and adds its vendor's routes.
 */
import { createDataset, type Dataset } from '../generator';
import { SimulatorClock } from './clock';
import { DatasetMutator } from './dataset-mutator';
import { FaultInjector } from './fault-injector';
import type { RateLimitControls, SimulatorOptions } from './harness-types';
import { RateLimiter, type RateLimitPolicy } from './rate-limiter';
import { RequestLog } from './request-log';

export interface TrafficControls {
  faults: FaultInjector;
  limiter: RateLimiter;
  requestLog: RequestLog;
  rateLimit: RateLimitControls;
}

export interface SimulatorCore extends TrafficControls {
  dataset: Dataset;
  clock: SimulatorClock;
  mutator: DatasetMutator;
}

export function createTrafficControls(
  rateLimit: RateLimitPolicy | false | undefined,
  vendorDefault: RateLimitPolicy,
): TrafficControls {
  const limiter = new RateLimiter(rateLimit === undefined ? vendorDefault : rateLimit);
  return {
    faults: new FaultInjector(),
    limiter,
    requestLog: new RequestLog(),
    rateLimit: {
      get policy() {
        return limiter.policy;
      },
      vendorDefault,
      set: (policy) => limiter.setPolicy(policy),
    },
  };
}

export function createSimulatorCore(
  options: SimulatorOptions,
  vendorDefault: RateLimitPolicy,
): SimulatorCore {
  const dataset =
    options.dataset ??
    createDataset({
      candidates: options.candidates ?? 25,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
  const clock = new SimulatorClock(dataset.now);
  return {
    ...createTrafficControls(options.rateLimit, vendorDefault),
    dataset,
    clock,
    mutator: new DatasetMutator(dataset, clock),
  };
}
