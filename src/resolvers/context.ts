import type { Logger } from '../common/logger';
import type { Tenant } from '../common/tenant';
import type { EntityManager } from 'typeorm';
import { OrgScope } from '../database/org-scope';

/** What every resolver receives: who is calling and the organization-scoped door to the data. */
export interface RequestContext {
  tenant: Tenant;
  scope: OrgScope;
  logger: Logger;
}

/** Builds the context for one request or WebSocket connection. */
export function createRequestContext(
  manager: EntityManager,
  tenant: Tenant,
  logger: Logger,
): RequestContext {
  return {
    tenant,
    scope: new OrgScope(manager, tenant),
    logger: logger.child({ organizationId: tenant.organizationId }),
  };
}
