import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('User', { description: 'A person using Rediscover through an API key.' })
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType('Me', { description: "The calling key's organization and user." })
export class MeType {
  @Field(() => OrganizationType)
  organization!: OrganizationType;

  @Field(() => UserType)
  user!: UserType;
}
