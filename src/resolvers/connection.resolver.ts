import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../common/errors';
import { Connection } from '../entities';
import { ConnectionType } from '../schema/connection.type';
import type { RequestContext } from './context';
import { parseId } from './validation';

export function toConnectionType(connection: Connection): ConnectionType {
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
      fieldMapping: Object.entries(settings.fieldMapping ?? {}).map(([source, target]) => ({
        source,
        target,
      })),
      mandatoryFields: settings.mandatoryFields ?? [],
      protectedFields: settings.protectedFields ?? [],
      jobStatusWhitelist: settings.jobStatusWhitelist ?? [],
      filterableCustomFields: settings.filterableCustomFields ?? [],
    },
    createdAt: connection.createdAt,
  };
}

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
}
