import { startAshbySimulator } from '../../test/simulators/ashby/ashby-simulator';
import type { RateLimitPolicy } from '../../test/simulators/common/rate-limiter';
import type { RequestLog } from '../../test/simulators/common/request-log';
import { startSourceWhaleSimulator } from '../../test/simulators/sourcewhale/sourcewhale-simulator';
import { auditAshby, auditSourceWhale } from './destination-audit';
import type {
  DestinationAudit,
  ExportSimulatorInfo,
  ExportSimulatorStart,
} from './export-simulator-protocol';

/** One simulator as the export benchmark's child process drives it. */
export interface ExportSimulator {
  info: ExportSimulatorInfo;
  requestLog: RequestLog;
  /** Every person the destination holds, with their placement in `target`. */
  audit(target: string): DestinationAudit;
  close(): Promise<void>;
}

/** Starts the simulator a role asks for (run inside simulator-child's process). */
export async function startExportSimulator(start: ExportSimulatorStart): Promise<ExportSimulator> {
  const rateLimit = policyOf(start.rateLimit);
  switch (start.role) {
    case 'ats':
    case 'ashby-destination': {
      const sim = await startAshbySimulator({
        seed: start.seed,
        candidates: start.candidates,
        ...(rateLimit !== undefined ? { rateLimit } : {}),
      });
      const seeded = new Set([...sim.dataset.candidates.values()].map((c) => c.key));
      return {
        info: infoOf(sim.url, { apiKey: sim.credentials.apiKey }, sim.rateLimit.policy, {
          candidates: sim.dataset.candidates.size,
          campaign: null,
        }),
        requestLog: sim.requestLog,
        audit: (jobId) => auditAshby(sim, seeded, jobId),
        close: () => sim.close(),
      };
    }
    case 'sourcewhale': {
      const sim = await startSourceWhaleSimulator({
        seed: start.seed,
        candidates: start.candidates,
        ...(rateLimit !== undefined ? { rateLimit } : {}),
      });
      const campaign = sim.dataset.campaigns[0];
      if (!campaign) throw new Error('the SourceWhale simulator has no campaign');
      return {
        info: infoOf(sim.url, { apiKey: sim.credentials.apiKey }, sim.rateLimit.policy, {
          candidates: sim.dataset.candidates.size,
          campaign: { campaignId: campaign.campaignId, ownerEmail: campaign.ownerEmail },
        }),
        requestLog: sim.requestLog,
        audit: (campaignId) => auditSourceWhale(sim, campaignId),
        close: () => sim.close(),
      };
    }
  }
}

/** undefined: the vendor's default; false: none. */
function policyOf(
  rateLimit: ExportSimulatorStart['rateLimit'],
): RateLimitPolicy | false | undefined {
  if (rateLimit === 'none') return false;
  if (rateLimit === 'vendor-default') return undefined;
  return rateLimit;
}

function infoOf(
  url: string,
  credentials: Record<string, string>,
  policy: RateLimitPolicy | false,
  rest: Pick<ExportSimulatorInfo, 'candidates' | 'campaign'>,
): ExportSimulatorInfo {
  return {
    url,
    credentials,
    policy: policy ? { limit: policy.limit, windowMs: policy.windowMs } : null,
    ...rest,
  };
}
