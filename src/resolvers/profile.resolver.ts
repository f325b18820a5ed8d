import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { BadInputError } from '../common/errors';
import type { Profile } from '../entities';
import type { ProfileWorkExperience } from '../profiles/profile-input';
import { importProfileObjects } from '../profiles/profile-import';
import { ProfileImportResultType, ProfileInput, type ProfileType } from '../schema/profile.type';
import type { RequestContext } from './context';

/** Profiles per `importProfiles` call; larger imports go through POST /profiles/import. */
export const MAX_PROFILES_PER_MUTATION = 1000;

/** A stored profile as the `Profile` GraphQL type shows it. */
export function toProfileType(profile: Profile): ProfileType {
  const work = profile.workHistory as Partial<ProfileWorkExperience>[];
  return {
    id: profile.id,
    externalId: profile.externalId,
    fullName: profile.fullName,
    headline: profile.headline,
    location: profile.location?.text ?? null,
    linkedinUrl: profile.linkedinUrl,
    githubUrl: profile.githubUrl,
    emails: profile.emails,
    workHistory: work.map((w) => ({
      company: w.company ?? null,
      title: w.title ?? null,
      startDate: w.startDate ?? null,
      endDate: w.endDate ?? null,
      current: w.current ?? false,
      industry: w.industry ?? null,
      companySize: w.companySize ?? null,
    })),
    education: profile.education,
    skills: profile.skills,
    certifications: profile.certifications,
    languages: profile.languages,
    industry: profile.industry,
    companySize: profile.companySize,
    updatedAt: profile.updatedAt,
  };
}

@Resolver()
export class ProfileResolver {
  @Mutation(() => ProfileImportResultType, {
    description: `Imports up to ${MAX_PROFILES_PER_MUTATION} profiles (upsert by externalId); a bad one is rejected with its 1-based position and field, the others land.`,
  })
  async importProfiles(
    @Arg('profiles', () => [ProfileInput]) profiles: ProfileInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<ProfileImportResultType> {
    if (profiles.length > MAX_PROFILES_PER_MUTATION) {
      throw new BadInputError(
        `at most ${MAX_PROFILES_PER_MUTATION} profiles per call (got ${profiles.length}); use POST /profiles/import for more`,
        { field: 'profiles' },
      );
    }
    const { result, changedProfileIds } = await ctx.scope.withManager((manager, organizationId) =>
      importProfileObjects(manager, organizationId, profiles),
    );
    if (changedProfileIds.length > 0 && ctx.services.profiles) {
      try {
        await ctx.services.profiles.onImported(ctx.scope.organizationId, changedProfileIds);
      } catch (error) {
        // The profiles are stored: the answer says so; the hook's failure is ours to look at.
        ctx.logger.error({ err: error }, 'after-import hook failed');
      }
    }
    return result;
  }
}
