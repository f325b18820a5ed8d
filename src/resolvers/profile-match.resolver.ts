import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
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
    // Batched: a page of candidates costs two queries, not two per candidate.
    const found = await ctx.loaders.profileMatches.load(candidate.id);
    if (!found) return null;
    const { match, profile } = found;
    return {
      profile: toProfileType(profile),
      rule: match.rule,
      confidence: match.confidence,
      matchedAt: match.matchedAt,
    };
  }
}
