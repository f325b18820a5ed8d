import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EducationType } from './candidate.type';

const DATE = 'YYYY-MM or YYYY-MM-DD.';

@InputType('ProfileWorkExperienceInput')
export class ProfileWorkExperienceInput {
  @Field(() => String, { nullable: true }) company?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true, description: DATE }) startDate?: string | null;
  @Field(() => String, { nullable: true, description: DATE }) endDate?: string | null;
  @Field(() => Boolean, { nullable: true }) current?: boolean | null;
  @Field(() => String, { nullable: true, description: "The employer's industry." })
  industry?: string | null;
  @Field(() => String, { nullable: true, description: "The employer's size, e.g. 51-200." })
  companySize?: string | null;
}

@InputType('ProfileEducationInput')
export class ProfileEducationInput {
  @Field(() => String, { nullable: true }) school?: string | null;
  @Field(() => String, { nullable: true }) degree?: string | null;
  @Field(() => String, { nullable: true }) major?: string | null;
  @Field(() => String, { nullable: true, description: DATE }) startDate?: string | null;
  @Field(() => String, { nullable: true, description: DATE }) endDate?: string | null;
}

@InputType('ProfileInput', {
  description: 'A public profile of the directory; importing the same externalId again updates it.',
})
export class ProfileInput {
  @Field(() => String, { description: "The directory's own id, unique per organization." })
  externalId!: string;
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true }) headline?: string | null;
  @Field(() => String, { nullable: true, description: 'One readable line ("Berlin, Germany").' })
  location?: string | null;
  @Field(() => String, { nullable: true, description: 'A linkedin.com/in/… URL.' })
  linkedinUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'A github.com/<user> URL.' })
  githubUrl?: string | null;
  @Field(() => [String], { nullable: true }) emails?: string[] | null;
  @Field(() => [ProfileWorkExperienceInput], { nullable: true })
  workHistory?: ProfileWorkExperienceInput[] | null;
  @Field(() => [ProfileEducationInput], { nullable: true })
  education?: ProfileEducationInput[] | null;
  @Field(() => [String], { nullable: true }) skills?: string[] | null;
  @Field(() => [String], { nullable: true }) certifications?: string[] | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => String, { nullable: true }) companySize?: string | null;
}

@ObjectType('ProfileImportRejection', { description: 'A profile that was not imported, and why.' })
export class ProfileImportRejectionType {
  @Field(() => Int, { description: '1-based: the NDJSON line, or the position in the list.' })
  line!: number;
  @Field(() => String, {
    nullable: true,
    description: 'The bad field, dotted (workHistory.1.startDate); null for the whole line.',
  })
  field!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType('ProfileImportResult')
export class ProfileImportResultType {
  @Field(() => Int, { description: 'Profiles received (non-empty lines), rejected ones included.' })
  received!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int, {
    description: 'Existing profiles that changed; identical ones count neither.',
  })
  updated!: number;
  @Field(() => [ProfileImportRejectionType]) rejected!: ProfileImportRejectionType[];
}

@ObjectType('ProfileWorkExperience')
export class ProfileWorkExperienceType {
  @Field(() => String, { nullable: true }) company!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) startDate!: string | null;
  @Field(() => String, { nullable: true }) endDate!: string | null;
  @Field(() => Boolean) current!: boolean;
  @Field(() => String, { nullable: true }) industry!: string | null;
  @Field(() => String, { nullable: true }) companySize!: string | null;
}

@ObjectType('Profile', { description: 'A public profile of the directory, as imported.' })
export class ProfileType {
  @Field(() => ID) id!: string;
  @Field(() => String) externalId!: string;
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true }) headline!: string | null;
  @Field(() => String, { nullable: true }) location!: string | null;
  @Field(() => String, { nullable: true, description: 'Normalized: linkedin.com/in/<slug>.' })
  linkedinUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'Normalized: github.com/<user>.' })
  githubUrl!: string | null;
  @Field(() => [String], { description: 'Lower-cased.' }) emails!: string[];
  @Field(() => [ProfileWorkExperienceType]) workHistory!: ProfileWorkExperienceType[];
  @Field(() => [EducationType]) education!: EducationType[];
  @Field(() => [String]) skills!: string[];
  @Field(() => [String]) certifications!: string[];
  @Field(() => [String]) languages!: string[];
  @Field(() => String, { nullable: true }) industry!: string | null;
  @Field(() => String, { nullable: true }) companySize!: string | null;
  @Field(() => Date) updatedAt!: Date;
}
