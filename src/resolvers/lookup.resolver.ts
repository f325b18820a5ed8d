import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { BadInputError } from '../common/errors';
import type { EnrichedCandidate } from '../indexer/enriched-candidate';
import type { ProfileLookup } from '../search/search-types';
import {
  ApplicationType,
  AttachmentType,
  ConnectionSummaryType,
  RecruiterType,
} from '../schema/candidate.type';
import { ProfileLookupInput } from '../schema/search-inputs';
import { AtsMatchType, AtsStatusType } from '../schema/search-result.type';
import {
  candidateApplications,
  candidateAttachments,
  candidateConnection,
  candidateRecruiter,
} from './candidate-fields';
import type { RequestContext } from './context';

interface AtsMatchSource {
  kind: EnrichedCandidate['kind'];
  matchedBy: AtsMatchType['matchedBy'];
  confidence: number;
  candidate: EnrichedCandidate;
  updatedAt: Date;
}

/** Connect lookup: "is this person in my ATS?" (API.md `atsStatus` / `atsStatuses`). */
@Resolver(() => AtsMatchType)
export class LookupResolver {
  @Query(() => [AtsMatchType], {
    description: 'Candidates in your ATS matching one public profile.',
  })
  async atsStatus(
    @Arg('profile', () => ProfileLookupInput) profile: ProfileLookupInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AtsMatchType[]> {
    const [matches] = await this.lookup([profile], ctx);
    return matches ?? [];
  }

  @Query(() => [AtsStatusType], {
    description: 'A page of profiles at once (at most 100), answered in order.',
  })
  async atsStatuses(
    @Arg('profiles', () => [ProfileLookupInput]) profiles: ProfileLookupInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<AtsStatusType[]> {
    const answers = await this.lookup(profiles, ctx);
    return answers.map((matches) => ({ matches }));
  }

  @FieldResolver(() => [ApplicationType])
  applications(@Root() m: AtsMatchSource, @Ctx() ctx: RequestContext): Promise<ApplicationType[]> {
    return candidateApplications(m.candidate, ctx.loaders);
  }

  @FieldResolver(() => RecruiterType, { nullable: true })
  recruiter(@Root() m: AtsMatchSource, @Ctx() ctx: RequestContext): Promise<RecruiterType | null> {
    return candidateRecruiter(m.candidate, ctx.loaders);
  }

  @FieldResolver(() => [String])
  emails(@Root() m: AtsMatchSource): string[] {
    return m.candidate.emails;
  }

  @FieldResolver(() => [String])
  phones(@Root() m: AtsMatchSource): string[] {
    return m.candidate.phones;
  }

  @FieldResolver(() => [AttachmentType])
  attachments(@Root() m: AtsMatchSource, @Ctx() ctx: RequestContext): Promise<AttachmentType[]> {
    return candidateAttachments(m.candidate, ctx.loaders);
  }

  @FieldResolver(() => ConnectionSummaryType)
  connection(
    @Root() m: AtsMatchSource,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionSummaryType> {
    return candidateConnection(m.candidate, ctx.loaders);
  }

  private async lookup(
    inputs: ProfileLookupInput[],
    ctx: RequestContext,
  ): Promise<AtsMatchType[][]> {
    const profiles = inputs.map((input, i): ProfileLookup => {
      const keys = [input.name, input.company, input.title].filter((v) => v?.trim()).length;
      if (
        !input.linkedinUrl?.trim() &&
        !input.githubUrl?.trim() &&
        !input.email?.trim() &&
        keys < 2
      ) {
        throw new BadInputError(
          'give a linkedinUrl, githubUrl, email, or two of name, company and title',
          { field: inputs.length > 1 ? `profiles.${i}` : 'profile' },
        );
      }
      return { ...input };
    });
    const answers = await ctx.services.search.lookup(ctx.tenant.organizationId, profiles);
    const candidates = await ctx.loaders.candidates.loadMany([
      ...new Set(answers.flat().map((m) => m.candidateId)),
    ]);
    const byId = new Map<string, EnrichedCandidate>();
    for (const c of candidates) if (c && !(c instanceof Error)) byId.set(c.id, c);
    return answers.map((matches) =>
      matches.flatMap((match) => {
        const candidate = byId.get(match.candidateId);
        if (!candidate) return [];
        const source: AtsMatchSource = {
          kind: candidate.kind,
          matchedBy: match.rule,
          confidence: match.confidence,
          candidate,
          updatedAt: candidate.lastUpdated,
        };
        return [source];
      }),
    );
  }
}
