import { In, IsNull, type EntityManager } from 'typeorm';
import {
  Application,
  AtsUser,
  Attachment,
  Candidate,
  Connection,
  Job,
  Profile,
  ProfileMatch,
  RejectionReason,
  Source,
  Stage,
} from '../entities';
import type { CandidateInputs } from './enriched-candidate';

/**
 * Loads everything the indexer needs for a batch of candidates with a fixed number of queries
 * (one per table), whatever the batch size. Every query is limited to the organization.
 * Candidates that do not exist in it are absent from the result.
 */
export async function loadCandidateInputs(
  manager: EntityManager,
  organizationId: string,
  candidateIds: readonly string[],
): Promise<Map<string, CandidateInputs>> {
  const result = new Map<string, CandidateInputs>();
  if (candidateIds.length === 0) return result;
  const ids = [...new Set(candidateIds)];
  const org = { organizationId };

  const [candidates, applications, attachments, matches] = await Promise.all([
    manager.find(Candidate, { where: { ...org, id: In(ids) } }),
    manager.find(Application, { where: { ...org, candidateId: In(ids), deletedAt: IsNull() } }),
    manager.find(Attachment, {
      where: { ...org, candidateId: In(ids), deletedAt: IsNull() },
      select: ['id', 'candidateId', 'name', 'type', 'extractedText'],
    }),
    manager.find(ProfileMatch, { where: { ...org, candidateId: In(ids) } }),
  ]);
  if (candidates.length === 0) return result;

  const byId = <T extends { id: string }>(rows: T[]): Map<string, T> =>
    new Map(rows.map((r) => [r.id, r]));
  const idsOf = (values: (string | null)[]): string[] => [
    ...new Set(values.filter((v): v is string => v !== null)),
  ];
  const [connections, jobs, stages, reasons, sources, users, profiles] = await Promise.all([
    manager.find(Connection, {
      where: { ...org, id: In(idsOf(candidates.map((c) => c.connectionId))) },
    }),
    manager.find(Job, { where: { ...org, id: In(idsOf(applications.map((a) => a.jobId))) } }),
    manager.find(Stage, { where: { ...org, id: In(idsOf(applications.map((a) => a.stageId))) } }),
    manager.find(RejectionReason, {
      where: { ...org, id: In(idsOf(applications.map((a) => a.rejectionReasonId))) },
    }),
    manager.find(Source, {
      where: {
        ...org,
        id: In(
          idsOf([...candidates.map((c) => c.sourceId), ...applications.map((a) => a.sourceId)]),
        ),
      },
    }),
    manager.find(AtsUser, {
      where: {
        ...org,
        id: In(
          idsOf([
            ...candidates.map((c) => c.recruiterId),
            ...applications.map((a) => a.recruiterId),
          ]),
        ),
      },
    }),
    manager.find(Profile, { where: { ...org, id: In(idsOf(matches.map((m) => m.profileId))) } }),
  ]);
  const connectionById = byId(connections);
  const jobById = byId(jobs);
  const stageById = byId(stages);
  const reasonById = byId(reasons);
  const sourceById = byId(sources);
  const userById = byId(users);
  const profileById = byId(profiles);
  const recruiter = (id: string | null): { id: string; name: string } | null => {
    const user = id ? userById.get(id) : undefined;
    return user ? { id: user.id, name: user.name } : null;
  };

  for (const candidate of candidates) {
    const match = matches.find((m) => m.candidateId === candidate.id);
    result.set(candidate.id, {
      candidate,
      filterableCustomFields:
        connectionById.get(candidate.connectionId)?.settings.filterableCustomFields ?? [],
      applications: applications
        .filter((a) => a.candidateId === candidate.id)
        .map((application) => ({
          application,
          jobTitle: (application.jobId && jobById.get(application.jobId)?.title) || null,
          stageName:
            (application.stageId && stageById.get(application.stageId)?.name) ||
            application.stageName,
          rejectionReason:
            (application.rejectionReasonId &&
              reasonById.get(application.rejectionReasonId)?.name) ||
            null,
          sourceName: (application.sourceId && sourceById.get(application.sourceId)?.name) || null,
          recruiter: recruiter(application.recruiterId),
        })),
      sourceName: (candidate.sourceId && sourceById.get(candidate.sourceId)?.name) || null,
      recruiter: recruiter(candidate.recruiterId),
      attachments: attachments
        .filter((a) => a.candidateId === candidate.id)
        .map((a) => ({ name: a.name, type: a.type, extractedText: a.extractedText })),
      profile: (match && profileById.get(match.profileId)) || null,
    });
  }
  return result;
}
