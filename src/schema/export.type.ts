import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ExportAs, ExportState } from '../entities/export-job.entity';
import type { ExportOutcome } from '../entities/export-item.entity';
import type { Provider } from '../entities/provider';
import { CandidateType } from './candidate.type';
import { ProviderEnum } from './enums';
import { PageInfoType } from './search-result.type';
import { CandidateFilterInput } from './search-inputs';

export const ExportAsEnum = { PROSPECT: 'PROSPECT', CANDIDATE: 'CANDIDATE' } as const;
registerEnumType(ExportAsEnum, {
  name: 'ExportAs',
  description: 'PROSPECT: into a campaign (campaignId). CANDIDATE: into a job (jobId).',
});

export const ExportStateEnum = {
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;
registerEnumType(ExportStateEnum, { name: 'ExportState' });

export const ExportOutcomeEnum = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  SKIPPED_PREVIOUSLY_EXPORTED: 'SKIPPED_PREVIOUSLY_EXPORTED',
  SKIPPED_MISSING_MANDATORY: 'SKIPPED_MISSING_MANDATORY',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;
registerEnumType(ExportOutcomeEnum, {
  name: 'ExportOutcome',
  description:
    'UPDATED: the destination already held the person (a duplicate it matched, or a re-export).',
});

@ObjectType('DestinationJob')
export class DestinationJobType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'As the destination spells it.' })
  status!: string | null;
}

@ObjectType('DestinationCampaign')
export class DestinationCampaignType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType('ExportDestination')
export class ExportDestinationType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ProviderEnum) provider!: Provider;
}

@ObjectType('ExportItem')
export class ExportItemType {
  @Field(() => ID) candidateId!: string;
  @Field(() => CandidateType, {
    nullable: true,
    description: 'Null when the candidate was deleted since.',
  })
  candidate!: CandidateType | null;
  @Field(() => ExportOutcomeEnum, { nullable: true, description: 'Null while not yet decided.' })
  outcome!: ExportOutcome | null;
  @Field(() => String, { nullable: true, description: "The record's id at the destination." })
  remoteId!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int, { description: 'Destination calls made for this candidate.' })
  attempts!: number;
  @Field(() => [String], {
    description: 'Destination fields written (in a dry run: that would be).',
  })
  sentFields!: string[];
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('ExportItemEdge')
export class ExportItemEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => ExportItemType) node!: ExportItemType;
}

@ObjectType('ExportItemConnection')
export class ExportItemConnectionType {
  @Field(() => Int) totalCount!: number;
  @Field(() => [ExportItemEdgeType]) edges!: ExportItemEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@ObjectType('ExportJob')
export class ExportJobType {
  @Field(() => ID) id!: string;
  @Field(() => ExportStateEnum) state!: ExportState;
  @Field(() => ExportAsEnum) as!: ExportAs;
  @Field(() => ExportDestinationType) destination!: ExportDestinationType;
  @Field(() => String, { nullable: true }) campaignId!: string | null;
  @Field(() => String, { nullable: true }) jobId!: string | null;
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Boolean) includePreviouslyExported!: boolean;
  @Field(() => Boolean) generateDummyEmails!: boolean;
  @Field(() => Int, { description: 'Candidates in the export (fixed when it starts).' })
  total!: number;
  @Field(() => Int) processed!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Int) failed!: number;
  @Field(() => String, { nullable: true, description: 'Why the job failed.' })
  error!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('ExportJobEdge')
export class ExportJobEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => ExportJobType) node!: ExportJobType;
}

@ObjectType('ExportJobConnection')
export class ExportJobConnectionType {
  @Field(() => [ExportJobEdgeType]) edges!: ExportJobEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@ObjectType('ExportItemResult')
export class ExportItemResultType {
  @Field(() => ID) candidateId!: string;
  @Field(() => ExportOutcomeEnum) outcome!: ExportOutcome;
  @Field(() => String, { nullable: true }) remoteId!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int) attempts!: number;
}

@ObjectType('ExportJobEvent', {
  description: "The job's current state first, then one event per change.",
})
export class ExportJobEventType {
  @Field(() => ID) jobId!: string;
  @Field(() => ExportStateEnum) state!: ExportState;
  @Field(() => Int) total!: number;
  @Field(() => Int) processed!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Int) failed!: number;
  @Field(() => [ExportItemResultType], { description: 'Items decided since the last event.' })
  results!: ExportItemResultType[];
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('CandidateExport', { description: 'The "already exported to X" mark.' })
export class CandidateExportType {
  @Field(() => ExportDestinationType) destination!: ExportDestinationType;
  @Field(() => String, { nullable: true }) remoteId!: string | null;
  @Field(() => Date) exportedAt!: Date;
}

@InputType('ExportSearchInput')
export class ExportSearchInput {
  @Field(() => String, { nullable: true }) query?: string | null;
  @Field(() => CandidateFilterInput, { nullable: true }) filter?: CandidateFilterInput | null;
}

@InputType('StartExportInput')
export class StartExportInput {
  @Field(() => ID) destinationId!: string;
  @Field(() => [ID], { nullable: true, description: 'Either these, or search.' })
  candidateIds?: string[] | null;
  @Field(() => ExportSearchInput, {
    nullable: true,
    description: 'Everything matching when the export starts (a snapshot).',
  })
  search?: ExportSearchInput | null;
  @Field(() => ExportAsEnum) as!: ExportAs;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => ID, { nullable: true }) jobId?: string | null;
  @Field(() => Boolean, { defaultValue: false }) includePreviouslyExported!: boolean;
  @Field(() => Boolean, { defaultValue: false }) generateDummyEmails!: boolean;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Report what would be sent; send nothing.',
  })
  dryRun!: boolean;
}
