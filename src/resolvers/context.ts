import type { Logger } from '../common/logger';
import type { Tenant } from '../common/tenant';
import type { EntityManager } from 'typeorm';
import { OrgScope } from '../database/org-scope';
import type { PubSub } from '../database/pg-pubsub';
import type { ExportService } from '../exports/export-service';
import type { InsightsWorkbookService } from '../exports/insights-workbook/insights-workbook-service';
import type { NoteService } from '../triggers/note-service';
import type { TriggerService } from '../triggers/trigger-service';
import type { SearchService } from '../search/search-service';
import type { ConnectionService } from '../sync/connection-service';
import { createLoaders, type Loaders } from './loaders';

/** Application services resolvers call; main.ts builds them once. */
export interface AppServices {
  search: SearchService;
  connections: ConnectionService;
  exports: ExportService;
  /** Signed links to insights workbooks (`exportInsights`, `GET /exports/insights-workbook`). */
  workbooks: InsightsWorkbookService;
  triggers: TriggerService;
  notes: NoteService;
  pubsub: PubSub;
  /** Profile directory hooks; absent, an import only stores the profiles. */
  profiles?: {
    /** After an import created or changed profiles: rerun matching for them. */
    onImported(organizationId: string, profileIds: string[]): Promise<void>;
  };
}

/** What every resolver receives: who is calling and the organization-scoped door to the data. */
export interface RequestContext {
  tenant: Tenant;
  scope: OrgScope;
  logger: Logger;
  loaders: Loaders;
  services: AppServices;
}

/** Builds the context for one request or WebSocket connection. */
export function createRequestContext(
  manager: EntityManager,
  tenant: Tenant,
  logger: Logger,
  services: AppServices,
): RequestContext {
  const scope = new OrgScope(manager, tenant);
  return {
    tenant,
    scope,
    logger: logger.child({ organizationId: tenant.organizationId }),
    loaders: createLoaders(scope),
    services,
  };
}
