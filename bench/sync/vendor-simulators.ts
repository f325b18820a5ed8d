import { startAshbySimulator } from '../../test/simulators/ashby/ashby-simulator';
import type { SimulatorHandle, SimulatorOptions } from '../../test/simulators/common/harness-types';
import type { WebhookLog } from '../../test/simulators/common/webhook-sender';
import type { Dataset, NeutralApplication } from '../../test/simulators/generator';
import { startGreenhouseSimulator } from '../../test/simulators/greenhouse/greenhouse-simulator';
import { startSmartRecruitersSimulator } from '../../test/simulators/smartrecruiters/smartrecruiters-simulator';
import type { VendorName } from './sync-settings';

/** One vendor's simulator as the benchmark drives it (the same choices as test/sync/vendors.ts). */
export interface VendorSimulator {
  handle: SimulatorHandle<string | number, unknown>;
  /** createConnection credentials. */
  credentials: Record<string, string>;
  webhooks: WebhookLog;
  /** "Configure the webhook in the vendor UI"; null where Rediscover subscribes by API. */
  registerWebhook: ((url: string, secret: string) => Promise<void>) | null;
  /** The remote id the mirrored row carries, or undefined for one the vendor does not serve. */
  applicationRemoteId(application: NeutralApplication): string | undefined;
  /** Applications the vendor serves for the dataset. */
  servedApplications(dataset: Dataset): number;
}

export const PROVIDERS = {
  ashby: 'ASHBY',
  greenhouse: 'GREENHOUSE',
  smartrecruiters: 'SMARTRECRUITERS',
} as const satisfies Record<VendorName, string>;

/** Starts the vendor's simulator at its default (documented or guessed) rate limit. */
export async function startVendorSimulator(
  vendor: VendorName,
  options: Omit<SimulatorOptions, 'rateLimit'>,
  webhookSecret: string,
): Promise<VendorSimulator> {
  switch (vendor) {
    case 'ashby': {
      const sim = await startAshbySimulator(options);
      return {
        handle: sim,
        credentials: { apiKey: sim.credentials.apiKey, webhookSecret },
        webhooks: sim.webhooks,
        registerWebhook: (url, secret) => {
          sim.webhooks.register({ url, secret });
          return Promise.resolve();
        },
        applicationRemoteId: (a) => sim.ids.get('application', a.key),
        servedApplications: withJob,
      };
    }
    case 'greenhouse': {
      const sim = await startGreenhouseSimulator(options);
      const c = sim.credentials;
      return {
        handle: sim,
        credentials: {
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          userId: String(c.userId),
          webhookSecret,
        },
        webhooks: sim.webhooks,
        registerWebhook: async (url, secret) => {
          await sim.webhooks.register({ url, secret });
        },
        applicationRemoteId: (a) => {
          const id = sim.ids.get('application', a.key);
          return id === undefined ? undefined : String(id);
        },
        servedApplications: (dataset) => dataset.applications.size,
      };
    }
    case 'smartrecruiters': {
      const sim = await startSmartRecruitersSimulator(options);
      return {
        handle: sim,
        credentials: { smartToken: sim.credentials.smartToken },
        webhooks: sim.webhooks,
        registerWebhook: null,
        // An application is a candidate's assignment to a job.
        applicationRemoteId: (a) =>
          a.jobKey === null
            ? undefined
            : `${sim.ids.get('candidate', a.candidateKey)}:${sim.ids.get('job', a.jobKey)}`,
        // One application per candidate and job: SmartRecruiters shows only the newest of two.
        servedApplications: (dataset) =>
          new Set(
            [...dataset.applications.values()]
              .filter((a) => a.jobKey !== null)
              .map((a) => `${a.candidateKey}:${a.jobKey}`),
          ).size,
      };
    }
  }
}

function withJob(dataset: Dataset): number {
  let count = 0;
  for (const a of dataset.applications.values()) if (a.jobKey !== null) count++;
  return count;
}
