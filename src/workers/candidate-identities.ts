import type { EntityManager } from 'typeorm';
import { normalizeKey } from '../common/text';
import { loadCandidateInputs } from '../indexer/candidate-inputs';
import { enrichCandidate } from '../indexer/enrich-candidate';
import type { Identity } from '../profiles/match-rules';
import { employersOf, schoolsOf } from '../profiles/profile-identity';
import type { IdentityLoader } from '../profiles/profile-matcher';

/**
 * Candidates as matching sees them: their ATS data and what their resumes say (links and
 * e-mails found there count as their own), never the profile they may be matched to already.
 */
export function candidateIdentityLoader(manager: EntityManager): IdentityLoader {
  return async (organizationId, candidateIds) => {
    const inputs = await loadCandidateInputs(manager, organizationId, candidateIds);
    const now = new Date();
    const identities = new Map<string, Identity>();
    for (const [id, input] of inputs) {
      if (input.candidate.deletedAt || input.candidate.mergedIntoId) continue;
      const own = enrichCandidate({ ...input, profile: null }, now);
      identities.set(id, {
        linkedinUrl: own.linkedinUrl,
        githubUrl: own.githubUrl,
        emails: own.emails,
        nameKey: normalizeKey(own.fullName),
        employers: employersOf(own.workHistory),
        schools: schoolsOf(own.education),
      });
    }
    return identities;
  };
}
