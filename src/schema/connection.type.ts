import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Capability, Provider } from '../entities/provider';
import type { ConnectionStatus, SearchReindexStateName } from '../entities/connection.entity';
import {
  CapabilityEnum,
  ConnectionStatusEnum,
  ProviderEnum,
  SearchReindexStateEnum,
} from './enums';

@ObjectType('SearchReindex', {
  description:
    "The background rebuild of a connection's search documents that follows a change of settings.filterableCustomFields. Poll it (e.g. every few seconds) to show progress; the new facets and filters are complete once state is COMPLETED.",
})
export class SearchReindexType {
  @Field(() => SearchReindexStateEnum, {
    description: 'QUEUED, RUNNING, COMPLETED, or FAILED (retried automatically; see error).',
  })
  state!: SearchReindexStateName;

  @Field(() => Int, { description: 'Candidates reindexed so far.' })
  processed!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The connection's candidates to reindex; null until the run starts.",
  })
  total!: number | null;

  @Field(() => Date)
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  error!: string | null;
}

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

  @Field(() => [String], {
    description:
      "ATS custom fields (by key, or by name) indexed for the customFields filter and offered as custom field facets (CandidateSearchResult.customFieldFacets). Changing the list reindexes the connection's candidates in the background: see Connection.searchReindex.",
  })
  filterableCustomFields!: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Requests per second to the vendor, when set. Unset: Ashby 16, SmartRecruiters 9, destinations their defaults.',
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

  @Field(() => SearchReindexType, {
    nullable: true,
    description:
      "The latest reindex of the connection's search documents (after filterableCustomFields changed); null when there was none.",
  })
  searchReindex!: SearchReindexType | null;

  @Field(() => Date)
  createdAt!: Date;
}
