import DataLoader from 'dataloader';
import { In, IsNull } from 'typeorm';
import type { OrgScope } from '../database/org-scope';
import { Attachment, AtsUser, Connection, Job, Profile, ProfileMatch } from '../entities';
import { candidateExportMarks, type CandidateExportMark } from '../exports/export-reads';
import { loadCandidateInputs } from '../indexer/candidate-inputs';
import { enrichCandidate } from '../indexer/enrich-candidate';
import type { EnrichedCandidate } from '../indexer/enriched-candidate';

/**
 * Per-request batch loaders: every per-row lookup in a field resolver goes through one of these,
 * so a page of 25 candidates costs a fixed number of queries. All scoped to one organization.
 */
export interface Loaders {
  /** Candidates as Rediscover knows them; null when missing, deleted or merged away. */
  candidates: DataLoader<string, EnrichedCandidate | null>;
  connections: DataLoader<string, Connection | null>;
  jobs: DataLoader<string, Job | null>;
  atsUsers: DataLoader<string, AtsUser | null>;
  /** Attachments by candidate id (metadata and text, not bytes). */
  attachmentsByCandidate: DataLoader<string, Attachment[]>;
  /** Latest successful export per destination, by candidate id. */
  exportMarks: DataLoader<string, CandidateExportMark[]>;
  /** The matched profile, with its match, by candidate id. */
  profileMatches: DataLoader<string, { match: ProfileMatch; profile: Profile } | null>;
}

export function createLoaders(scope: OrgScope, clock: () => Date = () => new Date()): Loaders {
  const byIds = <T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = await load([...ids]);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    });
  return {
    candidates: new DataLoader(async (ids) => {
      const inputs = await scope.withManager((manager, organizationId) =>
        loadCandidateInputs(manager, organizationId, ids),
      );
      const now = clock();
      return ids.map((id) => {
        const input = inputs.get(id);
        if (!input || input.candidate.deletedAt || input.candidate.mergedIntoId) return null;
        return enrichCandidate(input, now);
      });
    }),
    connections: byIds((ids) => scope.find(Connection, { where: { id: In(ids) } })),
    jobs: byIds((ids) => scope.find(Job, { where: { id: In(ids) } })),
    atsUsers: byIds((ids) => scope.find(AtsUser, { where: { id: In(ids) } })),
    attachmentsByCandidate: new DataLoader(async (candidateIds) => {
      const rows = await scope.find(Attachment, {
        where: { candidateId: In([...candidateIds]), deletedAt: IsNull() },
        order: { createdAt: 'ASC' },
      });
      return candidateIds.map((id) => rows.filter((r) => r.candidateId === id));
    }),
    profileMatches: new DataLoader(async (candidateIds) => {
      const matches = await scope.find(ProfileMatch, {
        where: { candidateId: In([...candidateIds]) },
      });
      const profiles = await scope.find(Profile, {
        where: { id: In(matches.map((m) => m.profileId)) },
      });
      const byId = new Map(profiles.map((p) => [p.id, p]));
      return candidateIds.map((id) => {
        const match = matches.find((m) => m.candidateId === id);
        const profile = match && byId.get(match.profileId);
        return match && profile ? { match, profile } : null;
      });
    }),
    exportMarks: new DataLoader(async (candidateIds) => {
      const marks = await candidateExportMarks(scope, candidateIds);
      return candidateIds.map((id) => marks.get(id) ?? []);
    }),
  };
}
