import type { Logger } from '../common/logger';
import {
  checkOutboundUrl,
  OutboundAddressError,
  type OutboundPolicy,
} from '../common/outbound-guard';
import { BadInputError, NotFoundError, UpstreamUnavailableError } from '../common/errors';
import type { SecretBox } from '../common/secret-box';
import type { ConnectorError, SourceConnector } from '../connectors/connector';
import { exportSettingsProblem } from '../connectors/destination-settings';
import type { OrgScope } from '../database/org-scope';
import { Connection, type SyncRun } from '../entities';
import type { ConnectionSettings } from '../entities/connection.entity';
import type { Capability, Provider } from '../entities/provider';
import type { SyncMode } from '../entities/sync-run.entity';
import type { SearchEngine } from '../search/search-engine';
import type { AppJob } from '../jobs/jobs';
import type { JobQueue } from '../jobs/job-queue';
import { openCredentials, type ConnectorFactory } from './connector-provider';
import { filterableFieldsChanged, requestSearchReindex } from './search-reindex-request';
import { CREDENTIALS_SCHEMAS } from './credentials-schema';
import type { SyncScheduler } from './sync-scheduler';

export interface CreateConnectionInput {
  provider: Provider;
  name: string;
  credentials: Record<string, string | null | undefined>;
  capabilities: Capability[];
  baseUrl?: string | null;
  syncIntervalMinutes?: number | null;
  settings?: ConnectionSettings | null;
}

export type UpdateConnectionInput = Partial<Omit<CreateConnectionInput, 'provider'>>;

export interface VerifyOutcome {
  ok: boolean;
  account: string | null;
  missingPermissions: string[];
  message: string | null;
  /** Why a refused verification was refused. */
  kind?: ConnectorError['kind'];
}

const SYNC_INTERVAL = { min: 1, max: 24 * 60 };

/**
 * Connections: verify credentials with a real call before saving, keep them sealed, create and
 * remove vendor webhooks, start the first sync, and remove everything mirrored on removal.
 */
export class ConnectionService {
  constructor(
    private readonly deps: {
      secrets: SecretBox;
      connectors: ConnectorFactory;
      scheduler: SyncScheduler;
      engine: SearchEngine;
      publicUrl: string;
      /** Where a user-given baseUrl may point. */
      outbound: OutboundPolicy;
      /** The vendor fields an export may write to a provider (null: not a destination). */
      destinationFields: (provider: Provider) => readonly string[] | null;
      logger: Logger;
      /** Told when a connection's credentials change or it is removed (the webhook intake). */
      onChanged?: (connectionId: string) => void;
      /**
       * Where a change of filterable custom fields queues the reindex of the connection's
       * search documents (none: the change waits for `npm run reindex`).
       */
      queue?: JobQueue<AppJob>;
    },
  ) {}

  async create(scope: OrgScope, input: CreateConnectionInput): Promise<Connection> {
    const name = this.name(input.name);
    const credentials = this.credentials(input.provider, input.credentials, 'input.credentials');
    const baseUrl = await this.baseUrl(input.baseUrl);
    const capabilities = this.capabilities(input.provider, input.capabilities);
    const interval = this.interval(input.syncIntervalMinutes);
    this.checkSettings(input.provider, input.settings);
    const connector = this.deps.connectors(
      { provider: input.provider, baseUrl, settings: input.settings ?? {} },
      credentials,
      {},
    );
    const verified = await this.verifyWith(connector);
    if (!verified.ok) throw refused(input.provider, verified);
    let connection = await scope.insert(Connection, {
      provider: input.provider,
      name,
      capabilities,
      credentialsCiphertext: this.deps.secrets.seal(JSON.stringify(credentials)),
      credentialsKeyId: this.deps.secrets.currentKeyId,
      baseUrl,
      settings: input.settings ?? {},
      syncIntervalMinutes: interval,
      status: 'ACTIVE',
      statusMessage: null,
      missingPermissions: verified.missingPermissions,
      syncState: {},
      lastSyncedAt: null,
      webhookRegistrations: [],
    });
    // Connect-only connections are kept fresh the same way (seed 000): deletions and job status
    // changes must reach lookups within seconds too.
    const mirrored = capabilities.includes('REDISCOVERY') || capabilities.includes('CONNECT');
    if (connector.registerWebhooks && mirrored) {
      connection = await this.registerWebhooks(scope, connection, connector);
    }
    if (mirrored) {
      await this.deps.scheduler.request(scope.organizationId, connection.id, 'FULL', 'CREATE');
    }
    return connection;
  }

  async update(scope: OrgScope, id: string, input: UpdateConnectionInput): Promise<Connection> {
    const connection = await this.get(scope, id);
    const values: Partial<Connection> = {};
    if (input.name !== undefined && input.name !== null) values.name = this.name(input.name);
    if (input.capabilities)
      values.capabilities = this.capabilities(connection.provider, input.capabilities);
    if (input.syncIntervalMinutes !== undefined && input.syncIntervalMinutes !== null) {
      values.syncIntervalMinutes = this.interval(input.syncIntervalMinutes);
    }
    if (input.settings) {
      values.settings = { ...connection.settings, ...input.settings };
      this.checkSettings(connection.provider, values.settings);
    }
    const baseUrl = input.baseUrl !== undefined ? await this.baseUrl(input.baseUrl) : undefined;
    const moved = baseUrl !== undefined && baseUrl !== connection.baseUrl;
    if (moved) values.baseUrl = baseUrl;
    if (moved && !input.credentials) {
      // Stored secrets only ever go to the address they were entered for.
      throw new BadInputError(
        'changing baseUrl needs the credentials for the new address in the same call',
        { field: 'input.credentials' },
      );
    }
    if (input.credentials) {
      // New credentials (for a new address: only those given) are verified before anything is saved.
      const credentials = this.credentials(
        connection.provider,
        moved
          ? input.credentials
          : { ...openCredentials(this.deps.secrets, connection), ...input.credentials },
        'input.credentials',
      );
      const verified = await this.verifyWith(
        this.deps.connectors(
          {
            provider: connection.provider,
            baseUrl: moved ? baseUrl : connection.baseUrl,
            settings: values.settings ?? connection.settings,
          },
          credentials,
          {},
        ),
      );
      if (!verified.ok) throw refused(connection.provider, verified);
      values.credentialsCiphertext = this.deps.secrets.seal(JSON.stringify(credentials));
      values.credentialsKeyId = this.deps.secrets.currentKeyId;
      values.missingPermissions = verified.missingPermissions;
      values.status = 'ACTIVE';
      values.statusMessage = null;
    }
    const queue = this.deps.queue;
    if (queue && values.settings && filterableFieldsChanged(connection.settings, values.settings)) {
      // The new settings and the reindex they need commit together.
      await scope.transaction(async (tx) => {
        await tx.update(Connection, { id }, values);
        await tx.withManager((manager, organizationId) =>
          requestSearchReindex(manager, queue, organizationId, id),
        );
      });
    } else {
      await scope.update(Connection, { id }, values);
    }
    if (values.credentialsCiphertext) this.deps.onChanged?.(id);
    return this.get(scope, id);
  }

  /** A real call with the stored credentials; records the outcome on the connection. */
  async verify(
    scope: OrgScope,
    id: string,
  ): Promise<{ connection: Connection; outcome: VerifyOutcome }> {
    const connection = await this.get(scope, id);
    const outcome = await this.verifyWith(this.connectorFor(connection));
    await scope.update(
      Connection,
      { id },
      {
        missingPermissions: outcome.missingPermissions,
        ...(outcome.ok
          ? connection.status === 'ERROR'
            ? { status: 'ACTIVE' as const, statusMessage: null }
            : {}
          : { status: 'ERROR' as const, statusMessage: outcome.message }),
      },
    );
    return { connection: await this.get(scope, id), outcome };
  }

  /** Removes the connection, its mirrored rows (database cascades), its documents and its vendor webhooks. */
  async remove(scope: OrgScope, id: string): Promise<boolean> {
    const connection = await this.get(scope, id);
    if (connection.webhookRegistrations.length > 0) {
      const connector = this.connectorFor(connection);
      const removed = await connector.unregisterWebhooks?.(connection.webhookRegistrations);
      if (removed && !removed.ok) {
        // The connection goes anyway; a dangling subscription only causes refused deliveries.
        this.deps.logger.warn(
          { connectionId: id, error: removed.error },
          'could not remove vendor webhooks',
        );
      }
    }
    await this.deps.engine.removeConnection(scope.organizationId, id);
    await scope.delete(Connection, { id });
    this.deps.onChanged?.(id);
    return true;
  }

  async sync(scope: OrgScope, id: string, mode: SyncMode): Promise<SyncRun> {
    const connection = await this.get(scope, id);
    if (
      !connection.capabilities.includes('REDISCOVERY') &&
      !connection.capabilities.includes('CONNECT')
    ) {
      throw new BadInputError(
        'this connection is an export destination only; there is nothing to sync',
        { field: 'id' },
      );
    }
    return this.deps.scheduler.request(scope.organizationId, id, mode, 'MANUAL');
  }

  webhookUrl(connectionId: string): string {
    return `${this.deps.publicUrl}/webhooks/${connectionId}`;
  }

  private async registerWebhooks(
    scope: OrgScope,
    connection: Connection,
    connector: SourceConnector,
  ): Promise<Connection> {
    const registered = await connector.registerWebhooks?.(this.webhookUrl(connection.id));
    if (!registered) return connection;
    if (!registered.ok) {
      this.deps.logger.warn(
        { connectionId: connection.id, error: registered.error },
        'could not create vendor webhooks',
      );
      await scope.update(
        Connection,
        { id: connection.id },
        { statusMessage: `webhooks not created: ${registered.error.message}` },
      );
      return this.get(scope, connection.id);
    }
    const { secret, registrations } = registered.value;
    const credentials = {
      ...openCredentials(this.deps.secrets, connection),
      ...(secret ? { webhookSecret: secret } : {}),
    };
    await scope.update(
      Connection,
      { id: connection.id },
      {
        webhookRegistrations: registrations,
        credentialsCiphertext: this.deps.secrets.seal(JSON.stringify(credentials)),
        credentialsKeyId: this.deps.secrets.currentKeyId,
      },
    );
    return this.get(scope, connection.id);
  }

  private connectorFor(connection: Connection): SourceConnector {
    return this.deps.connectors(connection, openCredentials(this.deps.secrets, connection), {});
  }

  private async verifyWith(connector: SourceConnector): Promise<VerifyOutcome> {
    const result = await connector.verify();
    if (result.ok)
      return {
        ok: true,
        account: result.value.account,
        missingPermissions: result.value.missingPermissions,
        message: null,
      };
    const error: ConnectorError = result.error;
    if (error.kind === 'unavailable') {
      // Not the network's own words: they would map the addresses behind a chosen baseUrl.
      this.deps.logger.info({ error: error.message }, 'vendor unreachable during verification');
      throw new UpstreamUnavailableError('The vendor could not be reached (no answer, or 5xx)');
    }
    return {
      ok: false,
      account: null,
      missingPermissions: error.kind === 'permission' ? error.missing : [],
      message: error.message,
      kind: error.kind,
    };
  }

  private async get(scope: OrgScope, id: string): Promise<Connection> {
    const connection = await scope.findById(Connection, id);
    if (!connection) throw new NotFoundError('Connection', id);
    return connection;
  }

  private credentials(
    provider: Provider,
    raw: Record<string, string | null | undefined>,
    field: string,
  ): Record<string, string> {
    const cleaned = Object.fromEntries(
      Object.entries(raw).filter(([, v]) => v !== null && v !== undefined && v !== ''),
    );
    const parsed = CREDENTIALS_SCHEMAS[provider].safeParse(cleaned);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || '';
    throw new BadInputError(
      `${provider} credentials: ${key ? `${key}: ` : ''}${issue?.message ?? 'invalid'}`,
      {
        field: key ? `${field}.${key}` : field,
      },
    );
  }

  /** Export settings are checked when saved, not when an export runs. */
  private checkSettings(provider: Provider, settings: ConnectionSettings | null | undefined): void {
    if (!settings) return;
    const problem = exportSettingsProblem(
      settings,
      provider,
      this.deps.destinationFields(provider),
    );
    if (problem) throw new BadInputError(problem.message, { field: problem.field });
  }

  private name(name: string): string {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200)
      throw new BadInputError('name must be 1 to 200 characters', { field: 'input.name' });
    return trimmed;
  }

  private async baseUrl(url: string | null | undefined): Promise<string | null> {
    if (url === null || url === undefined || url === '') return null;
    try {
      const parsed = await checkOutboundUrl(url, this.deps.outbound);
      return parsed.toString().replace(/\/$/, '');
    } catch (error) {
      if (!(error instanceof OutboundAddressError)) throw error;
      throw new BadInputError(`baseUrl ${error.message}`, { field: 'input.baseUrl' });
    }
  }

  private capabilities(provider: Provider, capabilities: Capability[]): Capability[] {
    const unique = [...new Set(capabilities)];
    if (unique.length === 0)
      throw new BadInputError('give at least one capability', { field: 'input.capabilities' });
    if (provider === 'SOURCEWHALE' && unique.some((c) => c !== 'EXPORT')) {
      throw new BadInputError(
        'SourceWhale is an export destination: its only capability is EXPORT',
        { field: 'input.capabilities' },
      );
    }
    return unique;
  }

  private interval(minutes: number | null | undefined): number {
    const value = minutes ?? 60;
    if (!Number.isInteger(value) || value < SYNC_INTERVAL.min || value > SYNC_INTERVAL.max) {
      throw new BadInputError(
        `syncIntervalMinutes must be between ${SYNC_INTERVAL.min} and ${SYNC_INTERVAL.max}`,
        {
          field: 'input.syncIntervalMinutes',
        },
      );
    }
    return value;
  }
}

/**
 * A refused verification, said by status class only: the remote answer itself is not echoed
 * (it could come from any host a caller points baseUrl at).
 */
function refused(provider: Provider, outcome: VerifyOutcome): BadInputError {
  const why =
    outcome.kind === 'permission'
      ? `they lack permissions: ${outcome.missingPermissions.join(', ') || 'unknown'}`
      : outcome.kind === 'auth'
        ? 'the vendor refused them (4xx: unauthorized or forbidden)'
        : outcome.kind === 'not_found'
          ? 'the vendor answered 404 (is baseUrl its API address?)'
          : "the answer (2xx) was not the vendor's API";
  return new BadInputError(`The ${provider} credentials were refused: ${why}`, {
    field: 'input.credentials',
  });
}
