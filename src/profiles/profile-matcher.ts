import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { MatchRule } from '../entities/profile-match.entity';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import {
  type ProfileIdentity,
  contradicts,
  decideMatch,
  fitsByName,
  type Identity,
  type MatchDecision,
} from './match-rules';
import { affectedCandidatesQuery } from './affected-candidates';
import { ProfilePool } from './profile-pool';
import type { ProfileProvider } from './profile-provider';

/** Candidates' own identities (ATS data and what their resumes say, without any profile). */
export type IdentityLoader = (
  organizationId: string,
  candidateIds: readonly string[],
) => Promise<Map<string, Identity>>;

interface LoadedBatch {
  candidateIds: readonly string[];
  identities: Map<string, Identity>;
  profiles: ProfileIdentity[];
}

const BATCH = 500;
/** Changed profiles whose concerned candidates are looked up in one statement. */
const AFFECTED_BATCH = 5000;

/**
 * Matches candidates to directory profiles and keeps profile_matches true: for exactly the
 * candidates a change can affect (those a sync or webhook changed; those a new or changed
 * profile could match), idempotently (a second run writes nothing), explainably (rule and
 * confidence kept with the match).
 */
export class ProfileMatcher {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      provider: ProfileProvider;
      identities: IdentityLoader;
      queue: JobQueue<AppJob>;
      logger: Logger;
    },
  ) {}

  /** Organizations known to have no profile and no match, until when (epoch ms). */
  private readonly empty = new Map<string, number>();

  /** Rematches these candidates; answers those whose match changed (to be reindexed). */
  async matchCandidates(
    organizationId: string,
    candidateIds: readonly string[],
  ): Promise<string[]> {
    // Most syncs run in organizations without a directory: they pay one cheap query a while.
    if (await this.nothingToMatch(organizationId)) return [];
    const batches: string[][] = [];
    for (let i = 0; i < candidateIds.length; i += BATCH)
      batches.push(candidateIds.slice(i, i + BATCH));
    // The next batch's candidates and profiles load while this one is decided and written, so
    // PostgreSQL and this process work at the same time instead of in turn.
    const changed: string[] = [];
    let pending = this.loadBatch(organizationId, batches[0]);
    for (let i = 0; i < batches.length; i++) {
      const current = await pending;
      pending = this.loadBatch(organizationId, batches[i + 1]);
      // Awaited on the next turn; observed now so a failure meanwhile is not "unhandled".
      pending.catch(() => undefined);
      if (current) changed.push(...(await this.matchBatch(organizationId, current)));
    }
    await pending;
    return changed;
  }

  /** Queues the rematch of imported or changed profiles (durable, in a worker). */
  async queueRematch(organizationId: string, profileIds: readonly string[]): Promise<void> {
    for (let i = 0; i < profileIds.length; i += 1000) {
      await this.deps.queue.send({
        type: 'match-profiles',
        organizationId,
        profileIds: profileIds.slice(i, i + 1000),
      });
    }
  }

  /**
   * After profiles were imported or changed: rematch every candidate they could concern, each
   * once however many of the profiles concern it (a common name is shared by many profiles).
   */
  async rematchForProfiles(organizationId: string, profileIds: readonly string[]): Promise<number> {
    this.empty.delete(organizationId);
    const affected = new Set<string>();
    for (let i = 0; i < profileIds.length; i += AFFECTED_BATCH) {
      const slice = profileIds.slice(i, i + AFFECTED_BATCH);
      for (const id of await this.affectedBy(organizationId, slice)) affected.add(id);
    }
    const changed = await this.matchCandidates(organizationId, [...affected]);
    for (let j = 0; j < changed.length; j += 500) {
      await this.deps.queue.send({
        type: 'index-candidates',
        organizationId,
        candidateIds: changed.slice(j, j + 500),
      });
    }
    return changed.length;
  }

  private async nothingToMatch(organizationId: string): Promise<boolean> {
    if (!this.deps.provider.fromDirectory) return false;
    const until = this.empty.get(organizationId);
    if (until !== undefined && until > Date.now()) return true;
    const [row] = await this.deps.dataSource.query<{ any: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM profiles WHERE organization_id = $1)
           OR EXISTS (SELECT 1 FROM profile_matches WHERE organization_id = $1) AS any`,
      [organizationId],
    );
    if (row?.any) {
      this.empty.delete(organizationId);
      return false;
    }
    this.empty.set(organizationId, Date.now() + 5000);
    return true;
  }

  /** A batch's candidates as matching sees them, and the profiles that could be them. */
  private async loadBatch(
    organizationId: string,
    candidateIds: readonly string[] | undefined,
  ): Promise<LoadedBatch | null> {
    if (!candidateIds) return null;
    const identities = await this.deps.identities(organizationId, candidateIds);
    const profiles = await this.deps.provider.candidatesFor(organizationId, [
      ...identities.values(),
    ]);
    return { candidateIds, identities, profiles };
  }

  private async matchBatch(
    organizationId: string,
    { candidateIds, identities, profiles }: LoadedBatch,
  ): Promise<string[]> {
    const pool = new ProfilePool(profiles);
    const decisions = new Map<string, MatchDecision | null>();
    for (const id of candidateIds) {
      const identity = identities.get(id);
      decisions.set(id, identity ? decideMatch(identity, pool.relatedTo(identity)) : null);
    }
    await this.refuseSharedNameMatches(organizationId, decisions, identities, pool);
    return this.write(organizationId, candidateIds, decisions);
  }

  /**
   * The name rule may not match one profile to two candidates: a profile that fits two of the
   * organization's candidates by name alone matches neither.
   */
  private async refuseSharedNameMatches(
    organizationId: string,
    decisions: Map<string, MatchDecision | null>,
    identities: Map<string, Identity>,
    pool: ProfilePool,
  ): Promise<void> {
    const byName: [string, ProfileIdentity][] = [];
    for (const [candidateId, decision] of decisions) {
      const profile = decision && pool.get(decision.profileId);
      if (decision?.rule === 'NAME_EMPLOYMENT_EDUCATION' && profile)
        byName.push([candidateId, profile]);
    }
    if (byName.length === 0) return;
    const nameKeys = [...new Set(byName.map(([, p]) => p.nameKey))];
    const namesakes = await this.deps.dataSource.query<{ candidate_id: string }[]>(
      `SELECT candidate_id FROM search_candidates WHERE organization_id = $1 AND name_key = ANY($2)`,
      [organizationId, nameKeys],
    );
    const others = namesakes.map((r) => r.candidate_id).filter((id) => !identities.has(id));
    const everyone = [...identities.values()];
    if (others.length > 0)
      everyone.push(...(await this.deps.identities(organizationId, others)).values());
    const withName = new Map<string, Identity[]>();
    for (const identity of everyone) {
      const list = withName.get(identity.nameKey);
      if (list) list.push(identity);
      else withName.set(identity.nameKey, [identity]);
    }
    for (const [candidateId, profile] of byName) {
      const fits = (withName.get(profile.nameKey) ?? []).filter(
        (identity) => fitsByName(identity, profile) && !contradicts(identity, profile),
      );
      if (fits.length > 1) decisions.set(candidateId, null);
    }
  }

  /** Writes what changed only; answers the candidates whose match changed. */
  private async write(
    organizationId: string,
    candidateIds: readonly string[],
    decisions: Map<string, MatchDecision | null>,
  ): Promise<string[]> {
    return this.deps.dataSource.transaction(async (tx) => {
      const current = await tx.query<
        { candidate_id: string; profile_id: string; rule: MatchRule }[]
      >(
        `SELECT candidate_id, profile_id, rule FROM profile_matches
         WHERE organization_id = $1 AND candidate_id = ANY($2::uuid[])`,
        [organizationId, candidateIds],
      );
      const before = new Map(current.map((r) => [r.candidate_id, r]));
      const changed: string[] = [];
      const upserts: { candidateId: string; decision: MatchDecision }[] = [];
      const removals: string[] = [];
      for (const id of candidateIds) {
        const decision = decisions.get(id) ?? null;
        const was = before.get(id);
        if (!decision) {
          if (was) removals.push(id);
          continue;
        }
        if (was && was.profile_id === decision.profileId && was.rule === decision.rule) continue;
        upserts.push({ candidateId: id, decision });
      }
      if (removals.length > 0) {
        await tx.query(
          'DELETE FROM profile_matches WHERE organization_id = $1 AND candidate_id = ANY($2::uuid[])',
          [organizationId, removals],
        );
        changed.push(...removals);
      }
      if (upserts.length > 0) {
        await tx.query(
          `INSERT INTO profile_matches (organization_id, candidate_id, profile_id, rule, confidence, matched_at)
           SELECT $1, u.candidate_id, u.profile_id, u.rule, u.confidence, now()
           FROM jsonb_to_recordset($2::jsonb)
             AS u(candidate_id uuid, profile_id uuid, rule varchar, confidence real)
           ORDER BY u.candidate_id
           ON CONFLICT (candidate_id) DO UPDATE SET profile_id = excluded.profile_id,
             rule = excluded.rule, confidence = excluded.confidence, matched_at = now(),
             updated_at = now()`,
          [
            organizationId,
            JSON.stringify(
              upserts.map((u) => ({
                candidate_id: u.candidateId,
                profile_id: u.decision.profileId,
                rule: u.decision.rule,
                confidence: u.decision.confidence,
              })),
            ),
          ],
        );
        changed.push(...upserts.map((u) => u.candidateId));
      }
      return changed;
    });
  }

  /** Candidates a profile could concern: by any identifier or the folded name, or matched to it now. */
  private async affectedBy(
    organizationId: string,
    profileIds: readonly string[],
  ): Promise<string[]> {
    const query = affectedCandidatesQuery(organizationId, profileIds);
    const rows = await this.deps.dataSource.query<{ candidate_id: string }[]>(
      query.text,
      query.values,
    );
    return rows.map((r) => r.candidate_id);
  }
}
