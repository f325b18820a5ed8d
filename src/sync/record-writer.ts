import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  ApplicationRecord,
  CandidateRecord,
  JobRecord,
  RejectionReasonRecord,
  SourceRecord,
  StageRecord,
  SyncRecord,
  UserRecord,
} from '../connectors/records';
import { normalizeEmail, normalizeGithubUrl, normalizeLinkedinUrl } from '../common/social-urls';
import {
  AtsUser,
  Attachment,
  Candidate,
  Job,
  RejectionReason,
  Source,
  Stage,
  SyncSeen,
} from '../entities';
import type { RemoteEntity } from '../entities/remote.entity';
import { upsertApplications } from './application-upsert';

/** Who owns the rows being written. */
export interface WriteScope {
  organizationId: string;
  connectionId: string;
  /** Set on FULL runs: every remote id written is remembered, to find deletions at the end. */
  fullRunId: string | null;
}

export interface WriteResult {
  /** Candidates whose row (or one of their applications) was created or changed. */
  changedCandidateIds: Set<string>;
  written: number;
  /** Records dropped because what they point to is not mirrored (e.g. an application's candidate). */
  orphans: { kind: string; remoteId: string; reason: string }[];
}

type RemoteClass<T extends RemoteEntity> = new () => T;
type RecordOf = { [R in SyncRecord as R['kind']]: R['record'] };
const CONFLICT = ['organizationId', 'connectionId', 'remoteId'];

/**
 * Writes a page of normalized records in the caller's transaction: idempotent upserts keyed by
 * (organization, connection, remote id) that leave a row untouched when nothing changed, with
 * references (source, recruiter, job, stage, candidate) resolved from vendor ids to our ids.
 */
export class RecordWriter {
  constructor(
    private readonly tx: EntityManager,
    private readonly scope: WriteScope,
  ) {}

  async write(records: SyncRecord[]): Promise<WriteResult> {
    const result: WriteResult = { changedCandidateIds: new Set(), written: 0, orphans: [] };
    const of = <K extends keyof RecordOf>(kind: K): RecordOf[K][] =>
      records.flatMap((r) => (r.kind === kind ? [r.record as RecordOf[K]] : []));

    // Reference data first, so candidates and applications can point at it.
    await this.upsert(
      AtsUser,
      of('user').map((r) => this.user(r)),
    );
    await this.upsert(
      Source,
      of('source').map((r) => this.source(r)),
    );
    await this.upsert(
      RejectionReason,
      of('rejection_reason').map((r) => this.reason(r)),
    );
    await this.upsert(
      Job,
      of('job').map((r) => this.job(r)),
    );
    await this.writeStages(of('stage'));
    await this.writeCandidates(of('candidate'), result);
    await this.writeApplications(of('application'), result);
    result.written = records.length - result.orphans.length;

    if (this.scope.fullRunId) {
      await this.remember(
        'job',
        of('job').map((r) => r.remoteId),
      );
      await this.remember(
        'candidate',
        of('candidate').map((r) => r.remoteId),
      );
      await this.remember(
        'application',
        of('application').map((r) => r.remoteId),
      );
    }
    return result;
  }

  private async writeStages(records: StageRecord[]): Promise<void> {
    const jobs = await this.ids(
      Job,
      records.map((r) => r.jobRemoteId),
    );
    await this.upsert(
      Stage,
      records.map((r) => ({
        ...this.base(r),
        jobId: r.jobRemoteId ? (jobs.get(r.jobRemoteId) ?? null) : null,
        name: r.name,
        position: r.position,
        type: r.type,
      })),
    );
  }

  private async writeCandidates(records: CandidateRecord[], result: WriteResult): Promise<void> {
    if (records.length === 0) return;
    // One after another: the queries share the transaction's single connection.
    const sources = await this.ids(
      Source,
      records.map((r) => r.sourceRemoteId),
    );
    const users = await this.ids(
      AtsUser,
      records.map((r) => r.recruiterRemoteId),
    );
    const changed = await this.upsert(
      Candidate,
      records.map((r) => ({
        ...this.base(r),
        firstName: r.firstName,
        lastName: r.lastName,
        fullName: r.fullName,
        headline: r.headline,
        emails: [...new Set(r.emails.map(normalizeEmail).filter((e): e is string => e !== null))],
        phones: r.phones,
        socialLinks: r.socialLinks,
        linkedinUrl: firstOf(r.socialLinks.map((l) => normalizeLinkedinUrl(l.url))),
        githubUrl: firstOf(r.socialLinks.map((l) => normalizeGithubUrl(l.url))),
        location: r.location,
        currentCompany: r.currentCompany,
        currentTitle: r.currentTitle,
        workHistory: r.workHistory,
        education: r.education,
        sourceId: r.sourceRemoteId ? (sources.get(r.sourceRemoteId) ?? null) : null,
        recruiterId: r.recruiterRemoteId ? (users.get(r.recruiterRemoteId) ?? null) : null,
        tags: r.tags,
        customFields: r.customFields,
        mergedIntoId: null,
      })),
    );
    for (const id of changed) result.changedCandidateIds.add(id);
    await this.writeAttachments(records, result);
  }

  /** Attachment metadata; the file itself is fetched later (the sync's attachments phase). */
  private async writeAttachments(records: CandidateRecord[], result: WriteResult): Promise<void> {
    const candidates = await this.ids(
      Candidate,
      records.map((r) => r.remoteId),
    );
    const rows = records.flatMap((r) => {
      const candidateId = candidates.get(r.remoteId);
      if (!candidateId) return [];
      return r.attachments.map((a) => ({
        organizationId: this.scope.organizationId,
        connectionId: this.scope.connectionId,
        remoteId: a.remoteId,
        candidateId,
        name: a.name,
        type: a.type,
        contentType: a.contentType,
        raw: { locator: a.locator },
        deletedAt: null,
      }));
    });
    if (rows.length > 0) {
      // The locator (a signed URL, a file handle) may change on every fetch: it is refreshed
      // without counting as a change, and the stored file is kept.
      await this.tx
        .createQueryBuilder()
        .insert()
        .into(Attachment)
        .values(rows)
        .orUpdate(
          ['candidate_id', 'name', 'type', 'content_type', 'raw', 'deleted_at'],
          ['organization_id', 'connection_id', 'remote_id'],
        )
        .execute();
    }
    // Files the vendor no longer lists for these candidates are gone (one statement per page).
    const owners = records.flatMap((r) => candidates.get(r.remoteId) ?? []);
    if (owners.length === 0) return;
    const listed = records.flatMap((r) => r.attachments.map((a) => a.remoteId));
    const [gone] = await this.tx.query<[{ candidate_id: string }[], number]>(
      `UPDATE attachments SET deleted_at = now()
       WHERE organization_id = $1 AND connection_id = $2 AND candidate_id = ANY($3::uuid[])
         AND deleted_at IS NULL AND NOT (remote_id = ANY($4::text[]))
       RETURNING candidate_id`,
      [this.scope.organizationId, this.scope.connectionId, owners, listed],
    );
    for (const row of gone) result.changedCandidateIds.add(row.candidate_id);
  }

  private async writeApplications(
    records: ApplicationRecord[],
    result: WriteResult,
  ): Promise<void> {
    if (records.length === 0) return;
    const written = await upsertApplications(this.tx, this.scope, records);
    for (const id of written.changedCandidateIds) result.changedCandidateIds.add(id);
    for (const orphan of written.orphans)
      result.orphans.push({
        kind: 'application',
        remoteId: orphan.remoteId,
        reason: `candidate ${orphan.candidateRemoteId} is not mirrored`,
      });
  }

  /** Upserts rows; returns the ids of rows created or changed (unchanged rows are not touched). */
  private async upsert<T extends RemoteEntity>(
    entity: RemoteClass<T>,
    rows: ObjectLiteral[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    // A record listed twice on one page (vendors do that across pages too): the last one wins.
    const unique = [...new Map(rows.map((r) => [r['remoteId'] as string, r])).values()];
    const metadata = this.tx.connection.getMetadata(entity);
    const updatable = metadata.columns
      .filter(
        (c) =>
          !['id', 'organizationId', 'connectionId', 'remoteId', 'createdAt', 'updatedAt'].includes(
            c.propertyName,
          ),
      )
      .filter((c) => unique.some((row) => c.propertyName in row))
      .map((c) => c.databaseName);
    const inserted = await this.tx
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(unique as QueryDeepPartialEntity<T>[])
      .orUpdate(
        [...updatable],
        CONFLICT.map((p) => metadata.findColumnWithPropertyName(p)?.databaseName ?? p),
        {
          skipUpdateIfNoValuesChanged: true,
        },
      )
      .returning(['id'])
      .execute();
    return (inserted.raw as { id: string }[]).map((r) => r.id);
  }

  /** Our ids for vendor ids of one table. */
  private async ids<T extends RemoteEntity>(
    entity: RemoteClass<T>,
    remoteIds: (string | null)[],
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(remoteIds.filter((r): r is string => r !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await this.tx
      .getRepository(entity)
      .createQueryBuilder('r')
      .select(['r.id', 'r.remoteId'])
      .where('r.organizationId = :org AND r.connectionId = :conn AND r.remoteId IN (:...wanted)', {
        org: this.scope.organizationId,
        conn: this.scope.connectionId,
        wanted,
      })
      .getMany();
    return new Map(rows.map((r) => [r.remoteId, r.id]));
  }

  private async remember(kind: string, remoteIds: string[]): Promise<void> {
    if (!this.scope.fullRunId || remoteIds.length === 0) return;
    await this.tx
      .createQueryBuilder()
      .insert()
      .into(SyncSeen)
      .values(
        [...new Set(remoteIds)].map((remoteId) => ({
          syncRunId: this.scope.fullRunId as string,
          kind,
          remoteId,
        })),
      )
      .orIgnore()
      .execute();
  }

  private base(r: {
    remoteId: string;
    raw: Record<string, unknown>;
    remoteCreatedAt?: Date | null;
    remoteUpdatedAt?: Date | null;
  }) {
    return {
      organizationId: this.scope.organizationId,
      connectionId: this.scope.connectionId,
      remoteId: r.remoteId,
      raw: r.raw,
      remoteCreatedAt: r.remoteCreatedAt ?? null,
      remoteUpdatedAt: r.remoteUpdatedAt ?? null,
      deletedAt: null,
    };
  }

  private user(r: UserRecord) {
    return {
      ...this.base(r),
      firstName: r.firstName,
      lastName: r.lastName,
      name: r.name,
      email: r.email,
      role: r.role,
      active: r.active,
    };
  }

  private source(r: SourceRecord) {
    return { ...this.base(r), name: r.name, type: r.type };
  }

  private reason(r: RejectionReasonRecord) {
    return { ...this.base(r), name: r.name, type: r.type };
  }

  private job(r: JobRecord) {
    return {
      ...this.base(r),
      title: r.title,
      status: r.status,
      remoteStatus: r.remoteStatus,
      department: r.department,
      location: r.location,
      postings: r.postings,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
    };
  }
}

function firstOf(values: (string | null)[]): string | null {
  return values.find((v): v is string => v !== null) ?? null;
}
