/**
 * What the Ashby connector should produce for a simulator's neutral dataset, computed from the
 * dataset alone (not from the simulator's serializer), plus a loop that reads a stream to its end.
 */
import { expect } from 'vitest';
import type { Page, PageRequest, SourceConnector, SyncMode } from '../../src/connectors/connector';
import type {
  ApplicationRecord,
  CandidateRecord,
  SkippedRecord,
  SyncRecord,
} from '../../src/connectors/records';
import type { Result } from '../../src/common/result';
import type {
  AshbySimulator,
  NeutralApplication,
  NeutralCandidate,
  NeutralCustomFieldDefinition,
} from '../simulators';

export interface StreamRead {
  records: SyncRecord[];
  skipped: SkippedRecord[];
  pages: number;
  completeState: Record<string, unknown> | undefined;
}

/** Every page of one stream; the first error ends the read. */
export async function readStream(
  connector: SourceConnector,
  stream: string,
  mode: SyncMode = 'FULL',
  state: Record<string, unknown> = {},
): Promise<Result<StreamRead, unknown>> {
  const read: StreamRead = { records: [], skipped: [], pages: 0, completeState: undefined };
  let cursor: string | null = null;
  for (;;) {
    const request: PageRequest = { mode, cursor, state };
    const page: Result<Page, unknown> = await connector.fetchPage(stream, request);
    if (!page.ok) return page;
    read.pages++;
    read.records.push(...page.value.records);
    read.skipped.push(...page.value.skipped);
    if (page.value.nextCursor === null) {
      read.completeState = page.value.completeState;
      return { ok: true, value: read };
    }
    expect(page.value.completeState).toBeUndefined();
    cursor = page.value.nextCursor;
  }
}

export function unwrap<T>(result: Result<T, unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Reads every stream, concurrently when asked (throttling tests want requests in flight). */
export async function readAllStreams(
  connector: SourceConnector,
  concurrent = false,
): Promise<Map<string, StreamRead>> {
  const streams = connector.streams('FULL');
  const reads = new Map<string, StreamRead>();
  if (concurrent) {
    const results = await Promise.all(streams.map((s) => readStream(connector, s)));
    streams.forEach((s, i) => reads.set(s, unwrap(results[i]!)));
  } else {
    for (const s of streams) reads.set(s, unwrap(await readStream(connector, s)));
  }
  return reads;
}

type RecordOf<K extends SyncRecord['kind']> = Extract<SyncRecord, { kind: K }>['record'];

export function recordsOf<K extends SyncRecord['kind']>(
  read: StreamRead | undefined,
  kind: K,
): RecordOf<K>[] {
  const out: RecordOf<K>[] = [];
  for (const r of read?.records ?? []) if (r.kind === kind) out.push(r.record as RecordOf<K>);
  return out;
}

const FIELD_TYPES: Record<NeutralCustomFieldDefinition['type'], string> = {
  TEXT: 'String',
  NUMBER: 'Number',
  BOOLEAN: 'Boolean',
  DATE: 'Date',
  SINGLE_SELECT: 'ValueSelect',
  MULTI_SELECT: 'MultiValueSelect',
};

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The mapped fields of a candidate record (everything but `raw`). */
export function expectedCandidate(
  sim: AshbySimulator,
  c: NeutralCandidate,
): Omit<CandidateRecord, 'raw'> {
  const id = (kind: Parameters<AshbySimulator['ids']['get']>[0], key: string): string =>
    sim.ids.get(kind, key)!;
  const customFields: CandidateRecord['customFields'] = {};
  for (const value of c.customFields) {
    const def = sim.dataset.customField(value.fieldKey)!;
    customFields[id('customField', def.key)] = {
      name: def.name,
      type: FIELD_TYPES[def.type],
      value: def.type === 'DATE' ? `${String(value.value)}T00:00:00.000Z` : value.value,
    };
  }
  const socialLinks: CandidateRecord['socialLinks'] = [];
  if (c.linkedinUrl) socialLinks.push({ type: 'LINKEDIN', url: c.linkedinUrl.trim() });
  if (c.githubUrl) socialLinks.push({ type: 'GITHUB', url: c.githubUrl.trim() });
  if (c.websiteUrl) socialLinks.push({ type: 'WEBSITE', url: c.websiteUrl.trim() });
  const [firstName, ...rest] = `${c.firstName} ${c.lastName}`.trim().split(' ');
  return {
    remoteId: id('candidate', c.key),
    remoteCreatedAt: new Date(c.createdAt),
    remoteUpdatedAt: new Date(c.lastActivityAt),
    firstName: firstName || null,
    lastName: rest.join(' ') || null,
    fullName: `${c.firstName} ${c.lastName}`.trim(),
    headline: null,
    emails: c.emails.map((e) => e.value),
    phones: c.phones.map((p) => p.value),
    socialLinks,
    location: c.place
      ? {
          city: c.place.city,
          region: c.place.region,
          country: c.place.country,
          text: `${c.place.city}, ${c.place.region}, ${c.place.country}`,
        }
      : null,
    currentCompany: c.currentCompany,
    currentTitle: c.currentTitle,
    workHistory: [],
    education: c.education[0] ? [{ school: c.education[0].school }] : [],
    sourceRemoteId: c.sourceKey ? id('source', c.sourceKey) : null,
    recruiterRemoteId: c.recruiterKey ? id('user', c.recruiterKey) : null,
    tags: c.tags,
    customFields,
    attachments: c.attachments.map((a) => ({
      remoteId: id('attachment', a.key),
      name: a.fileName,
      type: a.kind === 'RESUME' ? 'RESUME' : 'OTHER',
      contentType: a.format === 'pdf' ? 'application/pdf' : DOCX,
      locator: expect.stringMatching(/^fh_/),
    })),
  };
}

export function expectedApplication(
  sim: AshbySimulator,
  a: NeutralApplication,
): Omit<ApplicationRecord, 'raw'> {
  const id = (kind: Parameters<AshbySimulator['ids']['get']>[0], key: string): string =>
    sim.ids.get(kind, key)!;
  const archived = a.status === 'REJECTED' || a.status === 'ARCHIVED';
  const remoteStatus =
    a.status === 'HIRED'
      ? 'Hired'
      : archived
        ? 'Archived'
        : a.stageKey === 'lead'
          ? 'Lead'
          : 'Active';
  const stageKey = archived ? 'archived' : a.stageKey;
  return {
    remoteId: id('application', a.key),
    remoteCreatedAt: new Date(a.createdAt),
    remoteUpdatedAt: new Date(a.updatedAt),
    candidateRemoteId: id('candidate', a.candidateKey),
    jobRemoteId: id('job', a.jobKey!),
    stageRemoteId: id('stage', stageKey),
    stageName: sim.dataset.stage(stageKey)!.name,
    status:
      remoteStatus === 'Hired'
        ? 'HIRED'
        : archived
          ? a.rejectionReasonKey
            ? // A candidate who declined withdrew; any other archive reason is a rejection.
              sim.dataset.rejectionReason(a.rejectionReasonKey)?.type === 'THEY_REJECTED_US'
              ? 'WITHDRAWN'
              : 'REJECTED'
            : 'ARCHIVED'
          : 'ACTIVE',
    remoteStatus,
    rejectionReasonRemoteId:
      archived && a.rejectionReasonKey ? id('rejectionReason', a.rejectionReasonKey) : null,
    sourceRemoteId: a.sourceKey ? id('source', a.sourceKey) : null,
    recruiterRemoteId: a.recruiterKey ? id('user', a.recruiterKey) : null,
    isProspect: remoteStatus === 'Lead',
    appliedAt: new Date(a.createdAt),
    rejectedAt: archived && a.rejectedAt !== null ? new Date(a.rejectedAt) : null,
    hiredAt: null,
    customFields: {},
  };
}

/** Drops `raw` so mapped fields compare on their own. */
export function withoutRaw<T extends { raw: unknown }>(record: T): Omit<T, 'raw'> {
  const { raw: _raw, ...rest } = record;
  return rest;
}
