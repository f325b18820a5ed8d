import type { BenchApp } from '../sync/bench-app';
import type { AshbyInfo } from './ashby-protocol';
import type { PartnerEndpoint } from './partner-endpoint';

/** One (job, stage) a trigger watches, on both sides: the simulator's keys and the app's ids. */
export interface TriggeredPair {
  triggerId: string;
  /** The partner endpoint's path for this trigger. */
  hook: string;
  jobId: string;
  jobKey: string;
  jobTitle: string;
  stageKey: string;
  stageName: string;
}

/** An application the bench may move between its job's watched stages. */
export interface MovableApplication {
  key: string;
  remoteId: string;
  jobKey: string;
  /** Its stage in the simulator, kept up to date by the mover. */
  stageKey: string;
}

/** The watched pairs and the applications the bench may move between them. */
export interface TriggerSetup {
  pairs: TriggeredPair[];
  /** The watched jobs' applications that can move (any not hired). */
  applications: MovableApplication[];
}

const ATS_JOBS = `query ($id: ID!) { atsJobs(connectionId: $id) { id title stages } }`;
const CREATE = `mutation ($input: CreateStageTriggerInput!) {
  createStageTrigger(input: $input) { id signingSecret } }`;

/**
 * Picks the `jobs` jobs with the most movable applications and, on each, the first and last
 * interview stage: 2 × `jobs` triggers, so an application moved back and forth between its
 * job's two stages enters a watched pair on every move. Reads jobs and stages through
 * `atsJobs` and creates the triggers through `createStageTrigger`, as a partner would; each
 * trigger posts to a path of its own, verified with the secret it answered.
 */
export async function createTriggerPairs(
  bench: BenchApp,
  ashby: AshbyInfo,
  connectionId: string,
  partner: PartnerEndpoint,
  jobs: number,
): Promise<TriggerSetup> {
  const interview = ashby.stages
    .filter((s) => s.kind === 'INTERVIEW')
    .sort((a, b) => a.order - b.order);
  const stages = [interview[0], interview.at(-1)].filter((s) => s !== undefined);
  if (stages.length < 2 || stages[0] === stages[1])
    throw new Error('the dataset has fewer than two interview stages');

  const listed = await bench.gql<{ atsJobs: { id: string; title: string; stages: string[] }[] }>(
    ATS_JOBS,
    { id: connectionId },
  );
  const remoteIds = await bench.db.query<{ id: string; remote_id: string }>(
    'SELECT id, remote_id FROM jobs WHERE connection_id = $1',
    [connectionId],
  );
  const keyByRemote = new Map(ashby.jobs.map((j) => [j.remoteId, j.key]));
  const keyById = new Map(remoteIds.rows.map((r) => [r.id, keyByRemote.get(r.remote_id)]));

  const movable = new Map<string, MovableApplication[]>();
  for (const { key, remoteId, jobKey, stageKey, status } of ashby.applications) {
    if (status === 'HIRED') continue;
    const list = movable.get(jobKey) ?? [];
    list.push({ key, remoteId, jobKey, stageKey });
    movable.set(jobKey, list);
  }
  const chosen = listed.atsJobs
    .map((job) => ({ job, key: keyById.get(job.id) }))
    .filter(
      (j): j is { job: (typeof listed.atsJobs)[number]; key: string } =>
        j.key !== undefined && stages.every((s) => j.job.stages.includes(s.name)),
    )
    .sort((a, b) => (movable.get(b.key)?.length ?? 0) - (movable.get(a.key)?.length ?? 0))
    .slice(0, jobs);
  if (chosen.length < jobs)
    throw new Error(
      `only ${chosen.length} jobs list both ${stages.map((s) => s.name).join(' and ')}`,
    );

  const pairs: TriggeredPair[] = [];
  for (const { job, key } of chosen) {
    for (const stage of stages) {
      const hook = `t${pairs.length + 1}`;
      const created = await bench.gql<{
        createStageTrigger: { id: string; signingSecret: string };
      }>(CREATE, {
        input: { connectionId, jobId: job.id, stage: stage.name, webhookUrl: partner.urlFor(hook) },
      });
      partner.setSecret(hook, created.createStageTrigger.signingSecret);
      pairs.push({
        triggerId: created.createStageTrigger.id,
        hook,
        jobId: job.id,
        jobKey: key,
        jobTitle: job.title,
        stageKey: stage.key,
        stageName: stage.name,
      });
    }
  }
  return { pairs, applications: chosen.flatMap(({ key }) => movable.get(key) ?? []) };
}
