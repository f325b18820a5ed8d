import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { CandidateKind } from '../search/candidate-document';
import { ProviderEnum } from './enums';
import type { Provider } from '../entities/provider';
import { CandidateKindEnum } from './search-enums';

@ObjectType('SocialLink')
export class SocialLinkType {
  @Field(() => String, { description: 'LINKEDIN, GITHUB, TWITTER, FACEBOOK, WEBSITE or OTHER.' })
  type!: string;
  @Field(() => String) url!: string;
}

@ObjectType('Location')
export class LocationType {
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true, description: 'One readable line.' }) text?: string | null;
}

@ObjectType('WorkExperience')
export class WorkExperienceType {
  @Field(() => String, { nullable: true }) company?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) startDate?: string | null;
  @Field(() => String, { nullable: true }) endDate?: string | null;
  @Field(() => Boolean, { nullable: true }) current?: boolean;
}

@ObjectType('Education')
export class EducationType {
  @Field(() => String, { nullable: true }) school?: string | null;
  @Field(() => String, { nullable: true }) degree?: string | null;
  @Field(() => String, { nullable: true }) major?: string | null;
  @Field(() => String, { nullable: true }) startDate?: string | null;
  @Field(() => String, { nullable: true }) endDate?: string | null;
}

@ObjectType('CustomField', { description: 'An ATS custom field, kept as the ATS sent it.' })
export class CustomFieldType {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The value as text (JSON for structured values).',
  })
  value!: string | null;
}

@ObjectType('Recruiter', { description: 'The ATS user who recruited for the candidate.' })
export class RecruiterType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@ObjectType('JobSummary')
export class JobSummaryType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String) status!: string;
}

@ObjectType('Application', {
  description: "A candidate's application to a job (or a prospect record without one).",
})
export class ApplicationType {
  @Field(() => ID) id!: string;
  @Field(() => JobSummaryType, { nullable: true }) job!: JobSummaryType | null;
  @Field(() => String, { nullable: true }) stage!: string | null;
  @Field(() => String, { description: 'ACTIVE, REJECTED, HIRED, WITHDRAWN or ARCHIVED.' })
  status!: string;
  @Field(() => String, { nullable: true, description: "The ATS's own status word." })
  remoteStatus!: string | null;
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => Boolean) isProspect!: boolean;
  @Field(() => Date, { nullable: true }) appliedAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('Attachment')
export class AttachmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'RESUME, COVER_LETTER or OTHER.' }) type!: string;
  @Field(() => String, { nullable: true }) contentType!: string | null;
  @Field(() => String, { description: 'Download URL on this server (same API key).' }) url!: string;
  @Field(() => String, { nullable: true, description: 'Text extracted from the file.' }) text!:
    string | null;
}

@ObjectType('AtsLink', { description: 'Where the candidate lives in the ATS.' })
export class AtsLinkType {
  @Field(() => ProviderEnum) provider!: Provider;
  @Field(() => String) remoteId!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
}

@ObjectType('ConnectionSummary')
export class ConnectionSummaryType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ProviderEnum) provider!: Provider;
}

/** The full profile (API.md `candidate`). Relations are resolved by CandidateResolver. */
@ObjectType('Candidate')
export class CandidateType {
  @Field(() => ID) id!: string;
  @Field(() => CandidateKindEnum) kind!: CandidateKind;
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true }) firstName!: string | null;
  @Field(() => String, { nullable: true }) lastName!: string | null;
  @Field(() => String, { nullable: true }) headline!: string | null;
  @Field(() => [String]) emails!: string[];
  @Field(() => [String], { description: 'E.164 where the number could be parsed.' })
  phones!: string[];
  @Field(() => [SocialLinkType]) socialLinks!: SocialLinkType[];
  @Field(() => String, { nullable: true }) linkedinUrl!: string | null;
  @Field(() => String, { nullable: true }) githubUrl!: string | null;
  @Field(() => LocationType, { nullable: true }) location!: LocationType | null;
  @Field(() => String, { nullable: true }) currentCompany!: string | null;
  @Field(() => String, { nullable: true }) currentTitle!: string | null;
  @Field(() => [WorkExperienceType]) workHistory!: WorkExperienceType[];
  @Field(() => [EducationType]) education!: EducationType[];
  @Field(() => [String]) skills!: string[];
  @Field(() => [String]) certifications!: string[];
  @Field(() => [String]) languages!: string[];
  @Field(() => Float, { nullable: true }) yearsOfExperience!: number | null;
  @Field(() => [String]) tags!: string[];
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => Date) lastUpdated!: Date;
}
