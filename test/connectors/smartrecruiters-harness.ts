/**
 * Helpers for the SmartRecruiters connector tests: build a connector for a simulator, drain its
 * streams the way the sync does, and compute from the simulator's vendor-neutral truth the
 * records a connector should produce.
 */
import { expect } from 'vitest';
import type { ReadResult } from './read-all';
import type { ApplicationRecord, CandidateRecord } from '../../src/connectors/records';
import {
  SmartRecruitersConnector,
  type SmartRecruitersConnectorOptions,
} from '../../src/connectors/smartrecruiters/smartrecruiters.connector';
import type { NeutralCandidate, SmartRecruitersSimulator } from '../simulators/index';
import {
  assignmentsOf,
  srStatusOf,
} from '../simulators/smartrecruiters/smartrecruiters-serializers';

/** No client-side pacing: for simulators whose rate limit is off. */
export const UNPACED = { maxConcurrency: 8, rate: null } as const;

export function connectorFor(
  sim: SmartRecruitersSimulator,
  auth: 'oauth' | 'token',
  overrides: Partial<SmartRecruitersConnectorOptions> = {},
  credentials = sim.credentials,
): SmartRecruitersConnector {
  return new SmartRecruitersConnector({
    baseUrl: sim.url,
    credentials:
      auth === 'token'
        ? { smartToken: credentials.smartToken }
        : { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    pacing: UNPACED,
    retry: { backoffMs: 20 },
    ...overrides,
  });
}

export const byId = <T extends { remoteId: string }>(records: T[]): Map<string, T> =>
  new Map(records.map((r) => [r.remoteId, r]));

const SR_TO_OURS: Record<string, ApplicationRecord['status']> = {
  LEAD: 'ACTIVE',
  NEW: 'ACTIVE',
  IN_REVIEW: 'ACTIVE',
  INTERVIEW: 'ACTIVE',
  OFFERED: 'ACTIVE',
  HIRED: 'HIRED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
};

const LABELS: Record<string, string> = {
  LEAD: 'Lead',
  NEW: 'New',
  IN_REVIEW: 'In Review',
  INTERVIEW: 'Interview',
  OFFERED: 'Offered',
  HIRED: 'Hired',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

/** The application records a candidate should have, computed from the neutral data. */
export function expectedApplications(
  sim: SmartRecruitersSimulator,
  candidate: NeutralCandidate,
): Partial<ApplicationRecord>[] {
  const { dataset, ids } = sim;
  const id = (kind: Parameters<typeof ids.get>[0], key: string | null): string | null =>
    key === null ? null : (ids.get(kind, key) ?? null);
  const candidateId = id('candidate', candidate.key) ?? '?';
  return assignmentsOf(dataset, candidate.key).map((app) => {
    const { status, subStatus } = srStatusOf(app, dataset);
    const job = dataset.job(app.jobKey);
    const ended = status === 'REJECTED' || status === 'WITHDRAWN';
    return {
      remoteId: `${candidateId}:${id('job', app.jobKey)}`,
      candidateRemoteId: candidateId,
      jobRemoteId: id('job', app.jobKey),
      status: SR_TO_OURS[status],
      remoteStatus: status,
      stageName: subStatus ?? LABELS[status],
      stageRemoteId: subStatus ? `${status}:${subStatus}` : status,
      rejectionReasonRemoteId: ended ? id('rejectionReason', app.rejectionReasonKey) : null,
      sourceRemoteId: id('source', app.sourceKey),
      recruiterRemoteId: job ? id('user', job.recruiterKey) : null,
      isProspect: status === 'LEAD',
      appliedAt: new Date(app.createdAt),
    };
  });
}

/** One candidate, field by field, against the neutral truth. */
export function expectCandidateMatches(
  sim: SmartRecruitersSimulator,
  record: CandidateRecord | undefined,
  c: NeutralCandidate,
): void {
  const { dataset, ids } = sim;
  expect(record, `candidate ${c.key}`).toBeDefined();
  const current = c.experience.find((x) => x.current) ?? null;
  const primary = assignmentsOf(dataset, c.key)[0];
  const primaryJob = dataset.job(primary?.jobKey ?? null);
  expect(record).toMatchObject({
    remoteId: ids.get('candidate', c.key),
    firstName: c.firstName,
    lastName: c.lastName,
    fullName: `${c.firstName} ${c.lastName}`,
    emails: c.emails[0] ? [c.emails[0].value] : [],
    phones: c.phones[0] ? [c.phones[0].value] : [],
    currentCompany: current?.company ?? null,
    currentTitle: current?.title ?? null,
    tags: [...new Set(c.tags)],
    sourceRemoteId: primary?.sourceKey ? ids.get('source', primary.sourceKey) : null,
    recruiterRemoteId: primaryJob ? ids.get('user', primaryJob.recruiterKey) : null,
    remoteCreatedAt: new Date(c.createdAt),
    remoteUpdatedAt: new Date(c.lastActivityAt),
  });
  expect(record?.location?.city ?? null).toBe(c.place?.city ?? null);
  expect(record?.socialLinks.find((l) => l.type === 'LINKEDIN')?.url ?? null).toBe(c.linkedinUrl);
  const website = c.websiteUrl ?? c.githubUrl;
  expect(record?.socialLinks.some((l) => l.url === website)).toBe(website !== null);
  expect(record?.workHistory).toHaveLength(c.experience.length);
  expect(record?.education.map((e) => e.school)).toEqual(c.education.map((e) => e.school));
  expect(record?.attachments.map((a) => [a.remoteId, a.type, a.name]).sort()).toEqual(
    c.attachments.map((a) => [ids.get('attachment', a.key), a.kind, a.fileName]).sort(),
  );
  const fields = Object.fromEntries(
    c.customFields
      .filter((f) => dataset.customField(f.fieldKey))
      .map((f) => [ids.get('customField', f.fieldKey), f.value]),
  );
  expect(
    Object.fromEntries(Object.entries(record?.customFields ?? {}).map(([k, v]) => [k, v.value])),
  ).toEqual(fields);
}

/** Every record of a full read, against the dataset. */
export function expectMatchesDataset(read: ReadResult, sim: SmartRecruitersSimulator): void {
  const { dataset, ids } = sim;
  expect(read.users).toHaveLength(dataset.reference.users.length);
  const users = byId(read.users);
  for (const u of dataset.reference.users) {
    expect(users.get(ids.get('user', u.key) ?? '')).toMatchObject({
      name: `${u.firstName} ${u.lastName}`,
      email: u.email,
      active: u.enabled,
    });
  }
  expect(read.sources.map((s) => s.remoteId).sort()).toEqual(
    dataset.reference.sources.map((s) => ids.get('source', s.key)).sort(),
  );
  expect(read.rejectionReasons.map((r) => [r.remoteId, r.name]).sort()).toEqual(
    dataset.reference.rejectionReasons
      .map((r) => [ids.get('rejectionReason', r.key), r.name])
      .sort(),
  );
  const jobs = byId(read.jobs);
  expect(read.jobs).toHaveLength(dataset.jobs.size);
  for (const j of dataset.jobs.values()) {
    expect(jobs.get(ids.get('job', j.key) ?? '')).toMatchObject({
      title: j.title,
      status: j.status,
    });
  }
  // 8 statuses + TRANSFERRED, and the pipeline's sub-statuses (1 review, 3 interviews, 1 offer).
  const subStatuses = dataset.reference.stages.filter((s) =>
    ['REVIEW', 'INTERVIEW', 'OFFER'].includes(s.kind),
  );
  expect(read.stages).toHaveLength(9 + subStatuses.length);
  const stageIds = new Set(read.stages.map((s) => s.remoteId));

  expect(read.candidates).toHaveLength(dataset.candidates.size);
  const candidates = byId(read.candidates);
  const applications = byId(read.applications);
  let expectedApps = 0;
  for (const c of dataset.candidates.values()) {
    expectCandidateMatches(sim, candidates.get(ids.get('candidate', c.key) ?? ''), c);
    for (const app of expectedApplications(sim, c)) {
      expectedApps++;
      expect(applications.get(app.remoteId ?? '')).toMatchObject(app);
      expect(stageIds.has(app.stageRemoteId ?? '')).toBe(true);
    }
  }
  expect(read.applications).toHaveLength(expectedApps);
}

export { readAll, type ReadResult } from './read-all';
