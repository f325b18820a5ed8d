import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { SyncMode, SyncRunState } from '../entities/sync-run.entity';

export const SyncModeEnum = { FULL: 'FULL', INCREMENTAL: 'INCREMENTAL' } as const;
registerEnumType(SyncModeEnum, { name: 'SyncMode' });

export const SyncRunStateEnum = {
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;
registerEnumType(SyncRunStateEnum, { name: 'SyncRunState' });

@ObjectType('SyncRun')
export class SyncRunType {
  @Field(() => ID) id!: string;
  @Field(() => SyncModeEnum, {
    description: 'An incremental run the vendor refuses continues as FULL.',
  })
  mode!: SyncMode;
  @Field(() => SyncRunStateEnum) state!: SyncRunState;
  @Field(() => String, { description: 'MANUAL, SCHEDULE or CREATE.' }) trigger!: string;
  @Field(() => String, { nullable: true, description: 'The object being synced now.' }) phase!:
    string | null;
  @Field(() => Int, { description: 'Records written (every object of every stream).' })
  processed!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'Records the run writes in all, as `processed` counts them: known once every stream is read.',
  })
  total!: number | null;
  @Field(() => Int, { description: 'Pauses caused by the vendor rate limit.' })
  rateLimitWaits!: number;
  @Field(() => Int, { description: 'Vendor records that could not be read (reported, not fatal).' })
  skippedRecords!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('SyncRunEvent', {
  description:
    "Progress of a run, sent after every page and batch of files. Phases are the vendor's objects in order, then the files; `percent` combines the phases done with the current phase's share, never goes back, and reads 100 only once COMPLETED.",
})
export class SyncRunEventType {
  @Field(() => ID) connectionId!: string;
  @Field(() => ID) syncRunId!: string;
  @Field(() => SyncModeEnum) mode!: SyncMode;
  @Field(() => SyncRunStateEnum) state!: SyncRunState;
  @Field(() => String, { nullable: true }) phase!: string | null;
  @Field(() => Int, { description: 'Phases (vendor objects, then files) finished.' })
  phasesDone!: number;
  @Field(() => Int, {
    description: "Phases of the run: the vendor's objects plus one for the files.",
  })
  phasesTotal!: number;
  @Field(() => Int, {
    description: 'Items of the current phase done: records the vendor listed, or files fetched.',
  })
  phaseProcessed!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Items of the current phase in all, when known (the vendor says; files pending).',
  })
  phaseTotal!: number | null;
  @Field(() => Float, { description: 'Progress of the whole run, 0 to 100; never goes back.' })
  percent!: number;
  @Field(() => Int, { description: 'Records written (every object of every stream).' })
  processed!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'Records the run writes in all, as `processed` counts them: known once every stream is read.',
  })
  total!: number | null;
  @Field(() => Int) rateLimitWaits!: number;
  @Field(() => Int) skippedRecords!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('ConnectionWebhook', {
  description: 'Where the vendor must send webhooks for this connection.',
})
export class ConnectionWebhookType {
  @Field(() => String) url!: string;
  @Field(() => [String]) events!: string[];
  @Field(() => Boolean, {
    description: 'True when Rediscover created it at the vendor (SmartRecruiters).',
  })
  managedByRediscover!: boolean;
}

@ObjectType('TestRecord', { description: 'A clearly marked test candidate sent to a destination.' })
export class TestRecordType {
  @Field(() => String) remoteId!: string;
  @Field(() => String, { nullable: true, description: "A link to it in the vendor's UI." })
  url!: string | null;
  @Field(() => String, {
    description: 'CREATED, or UPDATED when an earlier test record was found.',
  })
  outcome!: string;
}

@ObjectType('ConnectionVerification')
export class ConnectionVerificationType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String, { nullable: true }) account!: string | null;
  @Field(() => [String]) missingPermissions!: string[];
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => TestRecordType, {
    nullable: true,
    description:
      'Where the test candidate landed (destinations, with testJobId or testCampaignId).',
  })
  testRecord?: TestRecordType | null;
}
