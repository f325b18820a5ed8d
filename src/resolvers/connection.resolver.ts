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
import { BadInputError, NotFoundError } from '../common/errors';
import { Connection, SyncRun } from '../entities';
import type { Provider } from '../entities/provider';
import { ConnectionType, type SearchReindexType } from '../schema/connection.type';
import {
  CreateConnectionInput,
  UpdateConnectionInput,
  type ConnectionSettingsInput,
} from '../schema/connection-inputs';
import {
  ConnectionVerificationType,
  ConnectionWebhookType,
  SyncModeEnum,
  SyncRunEventType,
  SyncRunType,
} from '../schema/sync-run.type';
import type { SyncMode } from '../entities/sync-run.entity';
import type { ConnectionSettings, SearchReindexState } from '../entities/connection.entity';
import type { SyncRunEvent } from '../sync/sync-events';
import { syncTopic } from '../sync/sync-events';
import type { RequestContext } from './context';
import { parseId } from './validation';

/** The GraphQL view of a connection, plus what field resolvers need (not exposed). */
type ConnectionView = ConnectionType & {
  webhookRegistrations: { remoteId: string; events: string[] }[];
};

export function toConnectionType(connection: Connection): ConnectionView {
  const settings = connection.settings;
  return {
    id: connection.id,
    name: connection.name,
    provider: connection.provider,
    capabilities: connection.capabilities,
    status: connection.status,
    statusMessage: connection.statusMessage,
    baseUrl: connection.baseUrl,
    syncIntervalMinutes: connection.syncIntervalMinutes,
    lastSyncedAt: connection.lastSyncedAt,
    missingPermissions: connection.missingPermissions,
    settings: {
      fieldMapping: Object.entries(settings.fieldMapping ?? {}).flatMap(([source, targets]) =>
        // Settings saved before a source could map to several fields hold one string.
        (Array.isArray(targets) ? targets : [targets as string]).map((target) => ({
          source,
          target,
        })),
      ),
      mandatoryFields: settings.mandatoryFields ?? [],
      protectedFields: settings.protectedFields ?? [],
      jobStatusWhitelist: settings.jobStatusWhitelist ?? [],
      filterableCustomFields: settings.filterableCustomFields ?? [],
      requestsPerSecond: settings.requestsPerSecond ?? null,
    },
    createdAt: connection.createdAt,
    searchReindex: toSearchReindex(connection.searchReindex),
    webhookRegistrations: connection.webhookRegistrations,
  };
}

function toSearchReindex(state: SearchReindexState | null): SearchReindexType | null {
  if (!state) return null;
  const date = (value: string | null): Date | null => (value ? new Date(value) : null);
  return {
    state: state.state,
    processed: state.processed,
    total: state.total,
    requestedAt: new Date(state.requestedAt),
    startedAt: date(state.startedAt),
    finishedAt: date(state.finishedAt),
    error: state.error,
  };
}

function toSettings(input: ConnectionSettingsInput | null | undefined): ConnectionSettings | null {
  if (!input) return null;
  const settings: ConnectionSettings = {};
  if (input.fieldMapping) {
    // Entries with one source add up: a list field may go to several destination fields.
    // A Map, not an object: a source named 'toString' or '__proto__' is just a (refused) name.
    const mapping = new Map<string, string[]>();
    for (const { source, target } of input.fieldMapping) {
      const targets = mapping.get(source) ?? [];
      if (!targets.includes(target)) targets.push(target);
      mapping.set(source, targets);
    }
    settings.fieldMapping = Object.fromEntries(mapping);
  }
  if (input.mandatoryFields) settings.mandatoryFields = input.mandatoryFields;
  if (input.protectedFields) settings.protectedFields = input.protectedFields;
  if (input.jobStatusWhitelist) settings.jobStatusWhitelist = input.jobStatusWhitelist;
  if (input.filterableCustomFields) settings.filterableCustomFields = input.filterableCustomFields;
  if (input.requestsPerSecond !== null && input.requestsPerSecond !== undefined) {
    if (
      !Number.isInteger(input.requestsPerSecond) ||
      input.requestsPerSecond < 1 ||
      input.requestsPerSecond > 1000
    ) {
      throw new BadInputError('requestsPerSecond must be between 1 and 1000', {
        field: 'input.settings.requestsPerSecond',
      });
    }
    settings.requestsPerSecond = input.requestsPerSecond;
  }
  return settings;
}

/** Events an admin configures in the vendor's UI to keep the mirror live within seconds. */
const UI_WEBHOOK_EVENTS: Partial<Record<Provider, string[]>> = {
  ASHBY: [
    'applicationSubmit',
    'applicationUpdate',
    'candidateStageChange',
    'candidateHire',
    'candidateDelete',
    'candidateMerge',
    'jobCreate',
    'jobUpdate',
    'jobPostingPublish',
    'jobPostingUnpublish',
    'jobPostingUpdate',
  ],
  GREENHOUSE: [
    'new_candidate_application',
    'new_prospect_application',
    'application_updated',
    'candidate_stage_change',
    'reject_candidate',
    'hire_candidate',
    'update_candidate',
    'delete_candidate',
    'merge_candidate',
    'delete_application',
    'job_updated',
  ],
};

@Resolver(() => ConnectionType)
export class ConnectionResolver {
  @Query(() => [ConnectionType], {
    description: "The organization's ATS and destination connections.",
  })
  async connections(@Ctx() { scope }: RequestContext): Promise<ConnectionType[]> {
    const rows = await scope.find(Connection, { order: { createdAt: 'ASC' } });
    return rows.map(toConnectionType);
  }

  @Query(() => ConnectionType)
  async connection(
    @Arg('id', () => ID) id: string,
    @Ctx() { scope }: RequestContext,
  ): Promise<ConnectionType> {
    const found = await scope.findById(Connection, parseId(id, 'id'));
    if (!found) throw new NotFoundError('Connection', id);
    return toConnectionType(found);
  }

  @Mutation(() => ConnectionType, {
    description:
      'Verifies the credentials with a real call, saves them encrypted, and starts the first sync.',
  })
  async createConnection(
    @Arg('input', () => CreateConnectionInput) input: CreateConnectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionType> {
    const created = await ctx.services.connections.create(ctx.scope, {
      provider: input.provider,
      name: input.name,
      credentials: { ...input.credentials },
      capabilities: input.capabilities,
      baseUrl: input.baseUrl ?? null,
      syncIntervalMinutes: input.syncIntervalMinutes ?? null,
      settings: toSettings(input.settings),
    });
    return toConnectionType(created);
  }

  @Mutation(() => ConnectionType)
  async updateConnection(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateConnectionInput) input: UpdateConnectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionType> {
    const updated = await ctx.services.connections.update(ctx.scope, parseId(id, 'id'), {
      ...(input.name !== undefined && input.name !== null ? { name: input.name } : {}),
      ...(input.credentials ? { credentials: { ...input.credentials } } : {}),
      ...(input.capabilities ? { capabilities: input.capabilities } : {}),
      ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
      ...(input.syncIntervalMinutes !== undefined
        ? { syncIntervalMinutes: input.syncIntervalMinutes }
        : {}),
      ...(input.settings ? { settings: toSettings(input.settings) } : {}),
    });
    return toConnectionType(updated);
  }

  @Mutation(() => ConnectionVerificationType, {
    description: 'A real call with the stored credentials.',
  })
  async verifyConnection(
    @Arg('id', () => ID) id: string,
    @Arg('testJobId', () => ID, {
      nullable: true,
      description: 'Destinations: also send a clearly marked test candidate into this job.',
    })
    testJobId: string | null,
    @Arg('testCampaignId', () => ID, {
      nullable: true,
      description: 'Destinations: also send the test candidate as a prospect into this campaign.',
    })
    testCampaignId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionVerificationType> {
    const connectionId = parseId(id, 'id');
    const { outcome } = await ctx.services.connections.verify(ctx.scope, connectionId);
    if (!outcome.ok || (!testJobId && !testCampaignId)) return outcome;
    if (testJobId && testCampaignId) {
      throw new BadInputError('give testJobId or testCampaignId, not both', {
        field: 'testCampaignId',
      });
    }
    const sent = await ctx.services.exports.sendTest(ctx.scope, connectionId, {
      jobId: testJobId,
      campaignId: testCampaignId,
    });
    return {
      ...outcome,
      testRecord: { remoteId: sent.remoteId, url: sent.url, outcome: sent.outcome },
    };
  }

  @Mutation(() => Boolean, {
    description:
      'Removes the connection, its mirrored data, its search documents and vendor webhooks.',
  })
  removeConnection(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.connections.remove(ctx.scope, parseId(id, 'id'));
  }

  @Mutation(() => SyncRunType, {
    description: 'Starts a sync (or returns the one already running).',
  })
  syncConnection(
    @Arg('id', () => ID) id: string,
    @Arg('mode', () => SyncModeEnum, { defaultValue: 'INCREMENTAL' }) mode: SyncMode,
    @Ctx() ctx: RequestContext,
  ): Promise<SyncRunType> {
    return ctx.services.connections.sync(ctx.scope, parseId(id, 'id'), mode);
  }

  @FieldResolver(() => [SyncRunType], { description: 'Newest first.' })
  syncRuns(
    @Root() connection: ConnectionView,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() { scope }: RequestContext,
  ): Promise<SyncRunType[]> {
    return scope.find(SyncRun, {
      where: { connectionId: connection.id },
      order: { createdAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 100),
    });
  }

  @FieldResolver(() => [ConnectionWebhookType])
  webhooks(
    @Root() connection: ConnectionView,
    @Ctx() ctx: RequestContext,
  ): ConnectionWebhookType[] {
    const url = ctx.services.connections.webhookUrl(connection.id);
    if (connection.webhookRegistrations.length > 0) {
      return [
        {
          url,
          events: connection.webhookRegistrations.flatMap((r) => r.events),
          managedByRediscover: true,
        },
      ];
    }
    const events = UI_WEBHOOK_EVENTS[connection.provider];
    const mirrored =
      connection.capabilities.includes('REDISCOVERY') ||
      connection.capabilities.includes('CONNECT');
    return events && mirrored ? [{ url, events, managedByRediscover: false }] : [];
  }

  @Subscription(() => SyncRunEventType, {
    description: "Progress of the connection's sync runs.",
    subscribe: ({ args, context }) =>
      subscribeToSync(
        context as RequestContext,
        String((args as { connectionId: string }).connectionId),
      ),
  })
  syncStatus(
    @Arg('connectionId', () => ID) _connectionId: string,
    @Root() event: SyncRunEvent,
  ): SyncRunEventType {
    return { ...event, at: new Date(event.at) };
  }
}

/**
 * Checks the id and the connection before the stream starts, so an unknown, foreign or
 * malformed id is refused when subscribing (graphql-ws error message), not mid-stream.
 */
async function subscribeToSync(
  ctx: RequestContext,
  connectionId: string,
): Promise<AsyncIterable<SyncRunEvent>> {
  const connection = await ctx.scope.findById(Connection, parseId(connectionId, 'connectionId'));
  if (!connection) throw new NotFoundError('Connection', connectionId);
  return ctx.services.pubsub.subscribe<SyncRunEvent>(syncTopic(connection.id));
}
