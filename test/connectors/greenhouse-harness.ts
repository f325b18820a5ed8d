/**
 * Helpers for the Greenhouse connector tests: drain every stream of a connector, and compare what
 * came out with the simulator's vendor-neutral truth.
 */
import { expect } from 'vitest';
import type { ReadResult } from './read-all';
import {
  GreenhouseConnector,
  type GreenhouseConnectorOptions,
} from '../../src/connectors/greenhouse/greenhouse.connector';
import type { ApplicationRecord } from '../../src/connectors/records';
import type { GreenhouseSimulator } from '../simulators/index';

export function connectorFor(
  sim: GreenhouseSimulator,
  overrides: Partial<GreenhouseConnectorOptions> = {},
  credentials = sim.credentials,
): GreenhouseConnector {
  return new GreenhouseConnector({
    baseUrl: sim.url,
    credentials: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      userId: String(credentials.userId),
    },
    ...overrides,
  });
}

const byId = <T extends { remoteId: string }>(records: T[]): Map<string, T> =>
  new Map(records.map((r) => [r.remoteId, r]));

/** The simulator serializes neutral statuses this way (greenhouse-serializers.ts). */
export function expectedStatus(status: string): ApplicationRecord['status'] {
  return status === 'HIRED' ? 'HIRED' : status === 'ACTIVE' ? 'ACTIVE' : 'REJECTED';
}

/** Every candidate and application of the dataset, field by field; reference data by count. */
export function expectMatchesDataset(read: ReadResult, sim: GreenhouseSimulator): void {
  const { dataset, ids } = sim;
  const id = (kind: Parameters<typeof ids.get>[0], key: string | null): string | null =>
    key === null ? null : String(ids.get(kind, key));

  expect(read.users).toHaveLength(dataset.reference.users.length);
  expect(read.sources).toHaveLength(dataset.reference.sources.length);
  expect(read.rejectionReasons).toHaveLength(dataset.reference.rejectionReasons.length);
  expect(read.jobs).toHaveLength(dataset.jobs.size);
  const pipeline = dataset.reference.stages.filter((s) => s.kind !== 'ARCHIVED');
  expect(read.stages).toHaveLength(dataset.jobs.size * pipeline.length);
  expect(read.candidates).toHaveLength(dataset.candidates.size);
  expect(read.applications).toHaveLength(dataset.applications.size);

  const users = byId(read.users);
  for (const u of dataset.reference.users) {
    expect(users.get(id('user', u.key) ?? '')).toMatchObject({
      name: `${u.firstName} ${u.lastName}`,
      email: u.email,
      active: u.enabled,
    });
  }
  const reasons = byId(read.rejectionReasons);
  for (const r of dataset.reference.rejectionReasons) {
    expect(reasons.get(id('rejectionReason', r.key) ?? '')).toMatchObject({
      name: r.name,
      type: r.type,
    });
  }

  const jobs = byId(read.jobs);
  for (const job of dataset.jobs.values()) {
    const record = jobs.get(id('job', job.key) ?? '');
    expect(record, job.key).toMatchObject({
      title: job.title,
      status: job.status === 'ARCHIVED' ? 'CLOSED' : job.status,
      department: dataset.department(job.departmentKey)?.name,
      postings: job.hasPosting
        ? [{ remoteId: id('jobPosting', job.key), title: job.title, isListed: job.postingListed }]
        : [],
    });
  }
  const stages = byId(read.stages);
  for (const job of dataset.jobs.values()) {
    for (const s of pipeline) {
      expect(stages.get(id('jobStage', `${job.key}/${s.key}`) ?? '')).toMatchObject({
        jobRemoteId: id('job', job.key),
        name: s.name,
        position: s.order,
      });
    }
  }

  const candidates = byId(read.candidates);
  for (const c of dataset.candidates.values()) {
    const record = candidates.get(id('candidate', c.key) ?? '');
    expect(record, c.key).toBeDefined();
    if (!record) continue;
    expect(record).toMatchObject({
      firstName: c.firstName,
      lastName: c.lastName,
      fullName: `${c.firstName} ${c.lastName}`,
      emails: c.emails.map((e) => e.value),
      // The same number listed twice (mobile and work) is kept once.
      phones: [...new Set(c.phones.map((p) => p.value))],
      currentCompany: c.currentCompany,
      currentTitle: c.currentTitle,
      tags: c.tags,
    });
    const links = (type: string) => record.socialLinks.filter((l) => l.type === type);
    expect(links('LINKEDIN').map((l) => l.url)).toEqual(c.linkedinUrl ? [c.linkedinUrl] : []);
    expect(links('GITHUB').map((l) => l.url)).toEqual(c.githubUrl ? [c.githubUrl] : []);
    expect(record.location?.city ?? null).toBe(c.place?.city ?? null);
    expect(Object.keys(record.customFields).sort()).toEqual(
      c.customFields.map((f) => f.fieldKey.replace(/-/g, '_')).sort(),
    );
    for (const f of c.customFields) {
      expect(record.customFields[f.fieldKey.replace(/-/g, '_')]).toMatchObject({
        name: dataset.customField(f.fieldKey)?.name,
        value: f.value,
      });
    }
    expect(
      record.attachments.map((a) => ({ remoteId: a.remoteId, name: a.name, type: a.type })),
    ).toEqual(
      c.attachments.map((a) => ({
        remoteId: id('attachment', a.key),
        name: a.fileName,
        type: a.kind,
      })),
    );
    expect(record.workHistory.map((w) => w.company)).toEqual(c.experience.map((e) => e.company));
    expect(record.education.map((e) => e.school)).toEqual(c.education.map((e) => e.school));
  }

  const applications = byId(read.applications);
  for (const a of dataset.applications.values()) {
    const record = applications.get(id('application', a.key) ?? '');
    expect(record, a.key).toMatchObject({
      candidateRemoteId: id('candidate', a.candidateKey),
      jobRemoteId: id('job', a.jobKey),
      stageRemoteId: a.jobKey ? id('jobStage', `${a.jobKey}/${a.stageKey}`) : null,
      stageName: a.jobKey ? (dataset.stage(a.stageKey)?.name ?? null) : null,
      status: expectedStatus(a.status),
      rejectionReasonRemoteId: id('rejectionReason', a.rejectionReasonKey),
      sourceRemoteId: id('source', a.sourceKey),
      recruiterRemoteId: id('user', a.recruiterKey),
      isProspect: a.prospect,
      appliedAt: new Date(a.createdAt),
      rejectedAt: a.rejectedAt === null ? null : new Date(a.rejectedAt),
    });
  }
}

export { readAll, type ReadResult } from './read-all';
