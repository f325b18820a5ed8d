import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import type { MatchRule } from '../entities/profile-match.entity';
import { ProfileType } from './profile.type';

export const MatchRuleEnum = {
  LINKEDIN_URL: 'LINKEDIN_URL',
  GITHUB_URL: 'GITHUB_URL',
  EMAIL: 'EMAIL',
  NAME_EMPLOYMENT_EDUCATION: 'NAME_EMPLOYMENT_EDUCATION',
} as const;
registerEnumType(MatchRuleEnum, {
  name: 'ProfileMatchRule',
  description: 'The evidence a match rests on, strongest first.',
});

@ObjectType('ProfileMatch', { description: 'The directory profile a candidate is, and why.' })
export class ProfileMatchType {
  @Field(() => ProfileType) profile!: ProfileType;
  @Field(() => MatchRuleEnum) rule!: MatchRule;
  @Field(() => Float) confidence!: number;
  @Field(() => Date) matchedAt!: Date;
}
