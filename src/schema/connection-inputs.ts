import { Field, InputType, Int } from 'type-graphql';
import type { Capability, Provider } from '../entities/provider';
import { CapabilityEnum, ProviderEnum } from './enums';

@InputType('ConnectionCredentialsInput', {
  description:
    'Ashby: apiKey (+ webhookSecret). Greenhouse Harvest v3: clientId, clientSecret, userId (+ webhookSecret). SmartRecruiters: smartToken, or clientId + clientSecret. SourceWhale: apiKey (+ userEmail). Never returned by the API.',
})
export class ConnectionCredentialsInput {
  @Field(() => String, { nullable: true }) apiKey?: string | null;
  @Field(() => String, { nullable: true }) clientId?: string | null;
  @Field(() => String, { nullable: true }) clientSecret?: string | null;
  @Field(() => String, { nullable: true, description: 'Greenhouse user the integration acts as.' })
  userId?: string | null;
  @Field(() => String, { nullable: true }) smartToken?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The secret set on the webhook in the vendor UI.',
  })
  webhookSecret?: string | null;
  @Field(() => String, { nullable: true }) userEmail?: string | null;
}

@InputType('FieldMappingEntryInput')
export class FieldMappingEntryInput {
  @Field(() => String) source!: string;
  @Field(() => String) target!: string;
}

@InputType('ConnectionSettingsInput')
export class ConnectionSettingsInput {
  @Field(() => [FieldMappingEntryInput], { nullable: true }) fieldMapping?:
    FieldMappingEntryInput[] | null;
  @Field(() => [String], { nullable: true }) mandatoryFields?: string[] | null;
  @Field(() => [String], { nullable: true }) protectedFields?: string[] | null;
  @Field(() => [String], { nullable: true }) jobStatusWhitelist?: string[] | null;
  @Field(() => [String], { nullable: true }) filterableCustomFields?: string[] | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Requests per second to the vendor (1 to 1000). Sources: Ashby (default 16) and SmartRecruiters (default 9); destinations: SourceWhale and Ashby.',
  })
  requestsPerSecond?: number | null;
}

@InputType('CreateConnectionInput')
export class CreateConnectionInput {
  @Field(() => ProviderEnum) provider!: Provider;
  @Field(() => String) name!: string;
  @Field(() => ConnectionCredentialsInput) credentials!: ConnectionCredentialsInput;
  @Field(() => [CapabilityEnum]) capabilities!: Capability[];
  @Field(() => String, {
    nullable: true,
    description: "Overrides the provider's API address (sandboxes, tests).",
  })
  baseUrl?: string | null;
  @Field(() => Int, { nullable: true, description: '1 to 1440; default 60.' })
  syncIntervalMinutes?: number | null;
  @Field(() => ConnectionSettingsInput, { nullable: true })
  settings?: ConnectionSettingsInput | null;
}

@InputType('UpdateConnectionInput')
export class UpdateConnectionInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => ConnectionCredentialsInput, {
    nullable: true,
    description: 'Merged into the stored credentials, then verified.',
  })
  credentials?: ConnectionCredentialsInput | null;
  @Field(() => [CapabilityEnum], { nullable: true }) capabilities?: Capability[] | null;
  @Field(() => String, { nullable: true }) baseUrl?: string | null;
  @Field(() => Int, { nullable: true }) syncIntervalMinutes?: number | null;
  @Field(() => ConnectionSettingsInput, { nullable: true })
  settings?: ConnectionSettingsInput | null;
}
