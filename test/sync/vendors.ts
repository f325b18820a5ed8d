import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import type { SimulatorHandle, SimulatorOptions } from '../simulators/common/harness-types';
import type { Dataset, NeutralApplication } from '../simulators/generator';
import {
  startGreenhouseSimulator,
  type GreenhouseSimulator,
} from '../simulators/greenhouse/greenhouse-simulator';
import {
  startSmartRecruitersSimulator,
  type SmartRecruitersSimulator,
} from '../simulators/smartrecruiters/smartrecruiters-simulator';

/** One vendor as the sync contract suite drives it: its simulator and how to connect to it. */
export interface VendorUnderTest {
  provider: 'ASHBY' | 'GREENHOUSE' | 'SMARTRECRUITERS';
  start(options: SimulatorOptions): Promise<SimulatorHandle<string | number, unknown>>;
  /** The createConnection credentials for the simulator (webhookSecret for UI-configured webhooks). */
  credentials(
    sim: SimulatorHandle<string | number, unknown>,
    webhookSecret: string,
  ): Record<string, string>;
  /** "Configure the webhook in the vendor UI"; null when Rediscover creates them by API. */
  configureWebhooks:
    | ((
        sim: SimulatorHandle<string | number, unknown>,
        url: string,
        secret: string,
      ) => Promise<void>)
    | null;
  /** Applications this vendor serves for the dataset (Ashby has no job-less prospects). */
  expectedApplications(dataset: Dataset): number;
  /** Makes the vendor refuse the stored incremental state, when it has such a thing. */
  refuseIncrementalState?(sim: SimulatorHandle<string | number, unknown>): void;
  /** Connection settings the suite needs (e.g. a faster pace against a local simulator). */
  settings?: Record<string, unknown>;
  /** The remote id our rows carry for a neutral application. Default: the simulator's id. */
  applicationRemoteId?(
    sim: SimulatorHandle<string | number, unknown>,
    app: NeutralApplication,
  ): string;
}

const all = (dataset: Dataset): number => [...dataset.applications.values()].length;

export const VENDORS: VendorUnderTest[] = [
  {
    provider: 'ASHBY',
    start: (options) => startAshbySimulator(options),
    credentials: (sim, webhookSecret) => ({
      apiKey: (sim as AshbySimulator).credentials.apiKey,
      webhookSecret,
    }),
    configureWebhooks: (sim, url, secret) => {
      (sim as AshbySimulator).webhooks.register({ url, secret });
      return Promise.resolve();
    },
    expectedApplications: (dataset) =>
      [...dataset.applications.values()].filter((a) => a.jobKey !== null).length,
    refuseIncrementalState: (sim) => (sim as AshbySimulator).faults.expireSyncTokens(),
  },
  {
    provider: 'GREENHOUSE',
    start: (options) => startGreenhouseSimulator(options),
    credentials: (sim, webhookSecret) => {
      const c = (sim as GreenhouseSimulator).credentials;
      return {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        userId: String(c.userId),
        webhookSecret,
      };
    },
    configureWebhooks: async (sim, url, secret) => {
      await (sim as GreenhouseSimulator).webhooks.register({ url, secret });
    },
    expectedApplications: all,
  },
  {
    provider: 'SMARTRECRUITERS',
    start: (options) => startSmartRecruitersSimulator(options),
    credentials: (sim) => ({
      smartToken: (sim as SmartRecruitersSimulator).credentials.smartToken,
    }),
    // The simulator runs without limits here; production pacing (9/s) is covered by the connector's tests.
    settings: { requestsPerSecond: 100 },
    // An application is a candidate's assignment to a job.
    applicationRemoteId: (sim, app) =>
      `${sim.ids.get('candidate', app.candidateKey)}:${sim.ids.get('job', app.jobKey ?? '')}`,
    // Rediscover creates SmartRecruiters subscriptions itself when the connection is created.
    configureWebhooks: null,
    // One application per candidate and job: SmartRecruiters shows only the newest of two.
    expectedApplications: (dataset) =>
      new Set(
        [...dataset.applications.values()]
          .filter((a) => a.jobKey !== null)
          .map((a) => `${a.candidateKey}:${a.jobKey}`),
      ).size,
  },
];
