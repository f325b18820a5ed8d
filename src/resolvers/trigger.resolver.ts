import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { NotFoundError } from '../common/errors';
import type { StageTrigger } from '../entities';
import { ConnectionSummaryType } from '../schema/candidate.type';
import {
  AtsJobType,
  CreateStageTriggerInput,
  NoteType,
  StageChangeEventType,
  StageTriggerType,
  TriggerDeliveryType,
  TriggerJobType,
} from '../schema/trigger.type';
import { stageTopic, type StageChangePayload } from '../triggers/stage-events';
import type { RequestContext } from './context';
import { parseId } from './validation';

type TriggerView = Omit<StageTriggerType, 'connection' | 'job'> & {
  connectionId: string;
  jobId: string;
};

function toTriggerType(trigger: StageTrigger, signingSecret: string | null = null): TriggerView {
  return {
    id: trigger.id,
    connectionId: trigger.connectionId,
    jobId: trigger.jobId,
    stage: trigger.stage,
    webhookUrl: trigger.webhookUrl,
    signingSecret,
    active: trigger.active,
    disabledReason: trigger.disabledReason,
    createdAt: trigger.createdAt,
  };
}

async function connectionOf(ctx: RequestContext, id: string): Promise<ConnectionSummaryType> {
  const connection = await ctx.loaders.connections.load(id);
  if (!connection) throw new NotFoundError('Connection', id);
  return { id: connection.id, name: connection.name, provider: connection.provider };
}

async function jobOf(ctx: RequestContext, id: string): Promise<TriggerJobType> {
  const job = await ctx.loaders.jobs.load(id);
  if (!job) throw new NotFoundError('Job', id);
  return { id: job.id, title: job.title };
}

@Resolver(() => StageTriggerType)
export class TriggerResolver {
  @Query(() => [AtsJobType], { description: "An ATS connection's jobs with their stages." })
  atsJobs(
    @Arg('connectionId', () => ID) connectionId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AtsJobType[]> {
    return ctx.services.triggers.atsJobs(ctx.scope, parseId(connectionId, 'connectionId'));
  }

  @Query(() => [StageTriggerType])
  async stageTriggers(@Ctx() ctx: RequestContext): Promise<StageTriggerType[]> {
    const triggers = await ctx.services.triggers.list(ctx.scope);
    return triggers.map((t) => toTriggerType(t) as unknown as StageTriggerType);
  }

  @Mutation(() => StageTriggerType, {
    description:
      'Fires when an application enters the stage of the job; the answer carries signingSecret, once.',
  })
  async createStageTrigger(
    @Arg('input', () => CreateStageTriggerInput) input: CreateStageTriggerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StageTriggerType> {
    const { trigger, signingSecret } = await ctx.services.triggers.create(ctx.scope, {
      connectionId: parseId(input.connectionId, 'input.connectionId'),
      jobId: parseId(input.jobId, 'input.jobId'),
      stage: input.stage,
      webhookUrl: input.webhookUrl ?? null,
    });
    return toTriggerType(trigger, signingSecret) as unknown as StageTriggerType;
  }

  @Mutation(() => Boolean)
  removeStageTrigger(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.services.triggers.remove(ctx.scope, parseId(id, 'id'));
  }

  @FieldResolver(() => ConnectionSummaryType)
  connection(@Root() trigger: TriggerView, @Ctx() ctx: RequestContext) {
    return connectionOf(ctx, trigger.connectionId);
  }

  @FieldResolver(() => TriggerJobType)
  job(@Root() trigger: TriggerView, @Ctx() ctx: RequestContext) {
    return jobOf(ctx, trigger.jobId);
  }

  @FieldResolver(() => [TriggerDeliveryType], { description: 'Every attempt, newest first.' })
  async deliveries(
    @Root() trigger: TriggerView,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<TriggerDeliveryType[]> {
    const attempts = await ctx.services.triggers.attempts(ctx.scope, trigger.id, first);
    return attempts.map((a) => ({ ...a, at: new Date(a.at) }));
  }

  @Mutation(() => NoteType, {
    description: "Writes a note on the candidate in their ATS (a partner's result, for example).",
  })
  async addNote(
    @Arg('candidateId', () => ID) candidateId: string,
    @Arg('text', () => String) text: string,
    @Arg('connectionId', () => ID, {
      nullable: true,
      description: "The candidate's ATS connection (optional: a candidate has one).",
    })
    connectionId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NoteType> {
    const note = await ctx.services.notes.add(ctx.scope, {
      candidateId: parseId(candidateId, 'candidateId'),
      text,
      connectionId: connectionId ? parseId(connectionId, 'connectionId') : null,
    });
    return {
      id: note.id,
      connection: await connectionOf(ctx, note.connectionId),
      remoteId: note.remoteId,
      state: note.state,
      createdAt: note.createdAt,
    };
  }

  @Subscription(() => StageChangeEventType, {
    description: 'Stage entries of your triggers, optionally of one job and stage.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const { jobId, stage } = args as { jobId?: string | null; stage?: string | null };
      return stageChanges(ctx, jobId ? parseId(jobId, 'jobId') : null, stage ?? null);
    },
  })
  async stageChanged(
    @Arg('jobId', () => ID, { nullable: true }) _jobId: string | null,
    @Arg('stage', () => String, { nullable: true }) _stage: string | null,
    @Root() event: StageChangePayload,
    @Ctx() ctx: RequestContext,
  ): Promise<StageChangeEventType> {
    const trigger = await ctx.services.triggers.get(ctx.scope, event.triggerId).catch(() => null);
    return {
      id: event.id,
      trigger: trigger ? (toTriggerType(trigger) as unknown as StageTriggerType) : null,
      candidate: await ctx.loaders.candidates.load(event.candidateId),
      application: { id: event.applicationId, stage: event.stage },
      job: await jobOf(ctx, event.jobId),
      stage: event.stage,
      previousStage: event.previousStage,
      occurredAt: new Date(event.occurredAt),
    };
  }
}

async function* stageChanges(
  ctx: RequestContext,
  jobId: string | null,
  stage: string | null,
): AsyncGenerator<StageChangePayload> {
  const events = ctx.services.pubsub.subscribe<StageChangePayload>(
    stageTopic(ctx.scope.organizationId),
  );
  try {
    for await (const event of events) {
      if (jobId && event.jobId !== jobId) continue;
      if (stage && event.stage !== stage) continue;
      yield event;
    }
  } finally {
    await events.return?.();
  }
}
