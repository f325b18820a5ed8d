import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../common/errors';
import type { EnrichedCandidate } from '../indexer/enriched-candidate';
import {
  ApplicationType,
  AtsLinkType,
  AttachmentType,
  CandidateType,
  ConnectionSummaryType,
  CustomFieldType,
  RecruiterType,
} from '../schema/candidate.type';
import {
  candidateApplications,
  candidateAtsLinks,
  candidateAttachments,
  candidateConnection,
  candidateCustomFields,
  candidateRecruiter,
} from './candidate-fields';
import type { RequestContext } from './context';
import { parseId } from './validation';

@Resolver(() => CandidateType)
export class CandidateResolver {
  @Query(() => CandidateType, { description: 'The full profile of one candidate.' })
  async candidate(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidateType> {
    const found = await ctx.loaders.candidates.load(parseId(id, 'id'));
    if (!found) throw new NotFoundError('Candidate', id);
    return found;
  }

  @FieldResolver(() => [ApplicationType])
  applications(
    @Root() c: EnrichedCandidate,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplicationType[]> {
    return candidateApplications(c, ctx.loaders);
  }

  @FieldResolver(() => [AttachmentType])
  attachments(@Root() c: EnrichedCandidate, @Ctx() ctx: RequestContext): Promise<AttachmentType[]> {
    return candidateAttachments(c, ctx.loaders);
  }

  @FieldResolver(() => ConnectionSummaryType)
  connection(
    @Root() c: EnrichedCandidate,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionSummaryType> {
    return candidateConnection(c, ctx.loaders);
  }

  @FieldResolver(() => RecruiterType, { nullable: true })
  recruiter(
    @Root() c: EnrichedCandidate,
    @Ctx() ctx: RequestContext,
  ): Promise<RecruiterType | null> {
    return candidateRecruiter(c, ctx.loaders);
  }

  @FieldResolver(() => [AtsLinkType])
  atsLinks(@Root() c: EnrichedCandidate, @Ctx() ctx: RequestContext): Promise<AtsLinkType[]> {
    return candidateAtsLinks(c, ctx.loaders);
  }

  @FieldResolver(() => [CustomFieldType])
  customFields(@Root() c: EnrichedCandidate): CustomFieldType[] {
    return candidateCustomFields(c);
  }
}
