import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Capability, Provider } from '../entities/provider';
import type { ConnectionStatus } from '../entities/connection.entity';
import { CapabilityEnum, ConnectionStatusEnum, ProviderEnum } from './enums';

@ObjectType('FieldMappingEntry', {
  description: 'Our field `source` is sent as the destination field `target`.',
})
export class FieldMappingEntryType {
  @Field(() => String)
  source!: string;

  @Field(() => String)
  target!: string;
}

@ObjectType('ConnectionSettings')
export class ConnectionSettingsType {
  @Field(() => [FieldMappingEntryType])
  fieldMapping!: FieldMappingEntryType[];

  @Field(() => [String], { description: 'Fields a candidate must have to be exported here.' })
  mandatoryFields!: string[];

  @Field(() => [String], { description: 'Destination fields an export never overwrites.' })
  protectedFields!: string[];

  @Field(() => [String], { description: 'Only jobs in these statuses are offered for export.' })
  jobStatusWhitelist!: string[];

  @Field(() => [String], { description: 'ATS custom fields offered as search filters.' })
  filterableCustomFields!: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'SmartRecruiters: requests per second (default 9).',
  })
  requestsPerSecond!: number | null;
}

@ObjectType('Connection', {
  description: 'A link to an ATS or export destination. Credentials are never exposed.',
})
export class ConnectionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ProviderEnum)
  provider!: Provider;

  @Field(() => [CapabilityEnum])
  capabilities!: Capability[];

  @Field(() => ConnectionStatusEnum)
  status!: ConnectionStatus;

  @Field(() => String, { nullable: true })
  statusMessage!: string | null;

  @Field(() => String, { nullable: true, description: "Overrides the provider's API address." })
  baseUrl!: string | null;

  @Field(() => Int)
  syncIntervalMinutes!: number;

  @Field(() => Date, { nullable: true })
  lastSyncedAt!: Date | null;

  @Field(() => [String], {
    description: 'Permissions the credentials lack, from the last verification.',
  })
  missingPermissions!: string[];

  @Field(() => ConnectionSettingsType)
  settings!: ConnectionSettingsType;

  @Field(() => Date)
  createdAt!: Date;
}
