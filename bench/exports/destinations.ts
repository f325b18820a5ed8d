import type { BenchApp } from '../sync/bench-app';
import type { ExportSimulatorProcess } from './export-simulator-process';

/** Where an export goes: the destination connection and the campaign or job in it. */
export interface ExportTarget {
  connectionId: string;
  provider: 'SOURCEWHALE' | 'ASHBY';
  /** The connection's `requestsPerSecond`; null: the destination's own default pace. */
  requestsPerSecond: number | null;
  as: 'PROSPECT' | 'CANDIDATE';
  /** The campaign (PROSPECT) or job (CANDIDATE) id at the destination. */
  placeId: string;
  placeName: string;
}

const CREATE = `mutation ($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const CAMPAIGNS = `query ($id: ID!) { destinationCampaigns(connectionId: $id) { id name } }`;
const JOBS = `query ($id: ID!) { destinationJobs(connectionId: $id) { id title status } }`;

/** Creates an EXPORT connection to the simulator, as an admin would (credentials verified). */
async function createDestination(
  user: BenchApp,
  sim: ExportSimulatorProcess,
  provider: ExportTarget['provider'],
  requestsPerSecond: number | null,
): Promise<string> {
  const created = await user.gql<{ createConnection: { id: string } }>(CREATE, {
    input: {
      provider,
      name: `${provider} (export bench destination)`,
      credentials: sim.info.credentials,
      capabilities: ['EXPORT'],
      baseUrl: sim.info.url,
      ...(requestsPerSecond !== null ? { settings: { requestsPerSecond } } : {}),
    },
  });
  return created.createConnection.id;
}

/** SourceWhale, paced at `requestsPerSecond`; prospects go into the user's campaign. */
export async function sourceWhaleTarget(
  user: BenchApp,
  sim: ExportSimulatorProcess,
  requestsPerSecond: number,
): Promise<ExportTarget> {
  const connectionId = await createDestination(user, sim, 'SOURCEWHALE', requestsPerSecond);
  const { destinationCampaigns } = await user.gql<{
    destinationCampaigns: { id: string; name: string }[];
  }>(CAMPAIGNS, { id: connectionId });
  const campaign = destinationCampaigns.find((c) => c.id === sim.info.campaign?.campaignId);
  if (!campaign) throw new Error(`the user owns no campaign ${sim.info.campaign?.campaignId}`);
  return {
    connectionId,
    provider: 'SOURCEWHALE',
    requestsPerSecond,
    as: 'PROSPECT',
    placeId: campaign.id,
    placeName: campaign.name,
  };
}

/** Ashby at its connector's default pace; candidates go into its first Open job. */
export async function ashbyTarget(
  user: BenchApp,
  sim: ExportSimulatorProcess,
): Promise<ExportTarget> {
  const connectionId = await createDestination(user, sim, 'ASHBY', null);
  const { destinationJobs } = await user.gql<{
    destinationJobs: { id: string; title: string; status: string | null }[];
  }>(JOBS, { id: connectionId });
  const job = destinationJobs.find((j) => j.status === 'Open');
  if (!job) throw new Error('the Ashby destination has no Open job');
  return {
    connectionId,
    provider: 'ASHBY',
    requestsPerSecond: null,
    as: 'CANDIDATE',
    placeId: job.id,
    placeName: job.title,
  };
}
