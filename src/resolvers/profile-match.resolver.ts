import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Profile, ProfileMatch } from '../entities';
import type { EnrichedCandidate } from '../indexer/enriched-candidate';
import { CandidateType } from '../schema/candidate.type';
import { ProfileMatchType } from '../schema/profile-match.type';
import type { RequestContext } from './context';
import { toProfileType } from './profile.resolver';

@Resolver(() => CandidateType)
export class CandidateProfileMatchResolver {
  @FieldResolver(() => ProfileMatchType, {
    nullable: true,
    description: 'The matched directory profile with its rule; null when unmatched (no guessing).',
  })
  async profileMatch(
    @Root() candidate: EnrichedCandidate,
    @Ctx() ctx: RequestContext,
  ): Promise<ProfileMatchType | null> {
    const match = await ctx.scope.findOne(ProfileMatch, { where: { candidateId: candidate.id } });
    if (!match) return null;
    const profile = await ctx.scope.findById(Profile, match.profileId);
    if (!profile) return null;
    return {
      profile: toProfileType(profile),
      rule: match.rule,
      confidence: match.confidence,
      matchedAt: match.matchedAt,
    };
  }
}
