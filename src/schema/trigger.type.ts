import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CandidateType, ConnectionSummaryType } from './candidate.type';

@ObjectType('AtsJob', { description: 'A job of an ATS connection, with its stages to pick from.' })
export class AtsJobType {
  @Field(() => ID, { description: "Rediscover's id of the job." }) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'As the ATS spells it.' })
  status!: string | null;
  @Field(() => [String], { description: 'Stage names as the ATS spells them, in order.' })
  stages!: string[];
}

@ObjectType('TriggerJob')
export class TriggerJobType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
}

@ObjectType('TriggerDelivery', { description: 'One attempt to deliver one event.' })
export class TriggerDeliveryType {
  @Field(() => ID, { description: 'The event (its webhook-id is msg_<eventId>).' })
  eventId!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => Int, {
    nullable: true,
    description: "The partner's HTTP status; null when none came.",
  })
  status!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('StageTrigger')
export class StageTriggerType {
  @Field(() => ID) id!: string;
  @Field(() => ConnectionSummaryType) connection!: ConnectionSummaryType;
  @Field(() => TriggerJobType) job!: TriggerJobType;
  @Field(() => String) stage!: string;
  @Field(() => String, { nullable: true }) webhookUrl!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'whsec_…: shown in the answer of createStageTrigger only.',
  })
  signingSecret!: string | null;
  @Field(() => Boolean, { description: 'False once the partner answered 410 Gone.' })
  active!: boolean;
  @Field(() => String, { nullable: true }) disabledReason!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('StageChangeApplication')
export class StageChangeApplicationType {
  @Field(() => ID) id!: string;
  @Field(() => String) stage!: string;
}

@ObjectType('StageChangeEvent', {
  description: "An application entered a trigger's stage (once per entry).",
})
export class StageChangeEventType {
  @Field(() => ID) id!: string;
  @Field(() => StageTriggerType, { nullable: true, description: 'Null once removed.' })
  trigger!: StageTriggerType | null;
  @Field(() => CandidateType, { nullable: true, description: 'Null when deleted since.' })
  candidate!: CandidateType | null;
  @Field(() => StageChangeApplicationType) application!: StageChangeApplicationType;
  @Field(() => TriggerJobType) job!: TriggerJobType;
  @Field(() => String) stage!: string;
  @Field(() => String, { nullable: true }) previousStage!: string | null;
  @Field(() => Date) occurredAt!: Date;
}

@InputType('CreateStageTriggerInput')
export class CreateStageTriggerInput {
  @Field(() => ID) connectionId!: string;
  @Field(() => ID, { description: "The job's Rediscover id (see atsJobs)." }) jobId!: string;
  @Field(() => String, { description: 'The stage name as the ATS spells it.' }) stage!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Where events are POSTed, signed (https; no private addresses).',
  })
  webhookUrl?: string | null;
}

@ObjectType('Note')
export class NoteType {
  @Field(() => ID) id!: string;
  @Field(() => ConnectionSummaryType) connection!: ConnectionSummaryType;
  @Field(() => String, {
    nullable: true,
    description: "The note's id in the ATS; null while the ATS could not be reached (retried).",
  })
  remoteId!: string | null;
  @Field(() => String, { description: 'WRITTEN, or PENDING while being retried.' })
  state!: string;
  @Field(() => Date) createdAt!: Date;
}
