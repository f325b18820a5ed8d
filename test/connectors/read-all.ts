/**
 * Drains every stream of a connector (or only some) the way the sync runs them, sorting records
 * by kind: the Greenhouse and SmartRecruiters connector tests compare the result with their
 * simulator's dataset.
 */
import type { SourceConnector, SyncMode } from '../../src/connectors/connector';
import type {
  ApplicationRecord,
  CandidateRecord,
  JobRecord,
  RejectionReasonRecord,
  SkippedRecord,
  SourceRecord,
  StageRecord,
  SyncRecord,
  UserRecord,
} from '../../src/connectors/records';

export interface ReadResult {
  users: UserRecord[];
  sources: SourceRecord[];
  rejectionReasons: RejectionReasonRecord[];
  jobs: JobRecord[];
  stages: StageRecord[];
  candidates: CandidateRecord[];
  applications: ApplicationRecord[];
  skipped: SkippedRecord[];
  /** completeState per stream, as the sync would keep it. */
  states: Record<string, Record<string, unknown>>;
  pages: Record<string, number>;
  /** The last page's `total` per stream. */
  totals: Record<string, number | null | undefined>;
}

/** Every page of every stream (or of `only`); throws on an error. */
export async function readAll(
  connector: SourceConnector,
  mode: SyncMode,
  states: Record<string, Record<string, unknown>> = {},
  only?: string[],
): Promise<ReadResult> {
  const result: ReadResult = {
    users: [],
    sources: [],
    rejectionReasons: [],
    jobs: [],
    stages: [],
    candidates: [],
    applications: [],
    skipped: [],
    states: {},
    pages: {},
    totals: {},
  };
  const add = (r: SyncRecord): void => {
    switch (r.kind) {
      case 'user':
        return void result.users.push(r.record);
      case 'source':
        return void result.sources.push(r.record);
      case 'rejection_reason':
        return void result.rejectionReasons.push(r.record);
      case 'job':
        return void result.jobs.push(r.record);
      case 'stage':
        return void result.stages.push(r.record);
      case 'candidate':
        return void result.candidates.push(r.record);
      case 'application':
        return void result.applications.push(r.record);
    }
  };
  for (const stream of connector.streams(mode)) {
    if (only && !only.includes(stream)) continue;
    let cursor: string | null = null;
    do {
      const page = await connector.fetchPage(stream, {
        mode,
        cursor,
        state: mode === 'FULL' ? {} : (states[stream] ?? {}),
      });
      if (!page.ok) throw new Error(`${stream}: ${JSON.stringify(page.error)}`);
      result.pages[stream] = (result.pages[stream] ?? 0) + 1;
      result.totals[stream] = page.value.total;
      page.value.records.forEach(add);
      result.skipped.push(...page.value.skipped);
      cursor = page.value.nextCursor;
      if (cursor === null && page.value.completeState)
        result.states[stream] = page.value.completeState;
    } while (cursor !== null);
  }
  return result;
}
