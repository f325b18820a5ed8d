import type { StageRecord } from '../records';
import type { SrAssignment, SrHiringProcess } from './smartrecruiters.schemas';

/**
 * SmartRecruiters stages (ATS-APIS.md §3.4). SR has no stage objects: an application has one of
 * nine fixed statuses, and IN_REVIEW, INTERVIEW and OFFERED may carry a sub-status label defined
 * per hiring process. A stage is a status, or a status plus a sub-status.
 */

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** The fixed SR statuses in pipeline order, with the words a recruiter sees. */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  LEAD: 'Lead',
  NEW: 'New',
  IN_REVIEW: 'In Review',
  INTERVIEW: 'Interview',
  OFFERED: 'Offered',
  HIRED: 'Hired',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
  TRANSFERRED: 'Transferred',
};

/** Which status each group of a hiring process's sub-statuses refines. */
const SUB_STATUS_GROUPS = [
  ['IN_REVIEW', 'inReview'],
  ['INTERVIEW', 'interview'],
  ['OFFERED', 'offered'],
] as const;

/** The stage name of a bare status (SR's own words for the fixed ones). */
export const statusLabel = (status: string): string =>
  STATUS_LABELS[status] ??
  status
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());

/** The stage id, built from those words the same way for stages and applications. */
export function stageRemoteId(status: string, subStatus: string | null): string {
  return subStatus ? `${status}:${subStatus}` : status;
}

/**
 * Every status, and under the refinable ones every sub-status of every hiring process, in
 * pipeline order. Processes often share labels ("Phone Screen"): those become one stage, since
 * applications do not say which process their job uses.
 */
export function mapStages(processes: readonly SrHiringProcess[]): StageRecord[] {
  const stages = new Map<
    string,
    { status: string; subStatus: string | null; processIds: string[] }
  >();
  const add = (status: string, subStatus: string | null, processId: string | null): void => {
    const remoteId = stageRemoteId(status, subStatus);
    const stage = stages.get(remoteId) ?? { status, subStatus, processIds: [] };
    if (processId) stage.processIds.push(processId);
    stages.set(remoteId, stage);
  };
  for (const status of Object.keys(STATUS_LABELS)) {
    add(status, null, null);
    const group = SUB_STATUS_GROUPS.find(([s]) => s === status)?.[1];
    if (!group) continue;
    for (const process of processes) {
      for (const label of process.subStatuses?.[group] ?? []) {
        const subStatus = clean(label);
        if (subStatus) add(status, subStatus, process.id);
      }
    }
  }
  return [...stages.entries()].map(([remoteId, { status, subStatus, processIds }], position) => ({
    remoteId,
    raw: { status, subStatus, hiringProcessIds: processIds },
    jobRemoteId: null,
    name: subStatus ?? statusLabel(status),
    position,
    type: status,
  }));
}

/** The stage an assignment is in (for related records of a single candidate). */
export function stageOf(a: SrAssignment): StageRecord {
  const status = a.status.toUpperCase();
  const subStatus = clean(a.subStatus);
  return {
    remoteId: stageRemoteId(status, subStatus),
    raw: { status, subStatus, hiringProcessIds: [] },
    jobRemoteId: null,
    name: subStatus ?? statusLabel(status),
    position: Object.keys(STATUS_LABELS).indexOf(status),
    type: status,
  };
}
