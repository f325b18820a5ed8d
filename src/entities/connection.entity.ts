import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from './base.entity';
import type { Capability, Provider } from './provider';

export type ConnectionStatus = 'ACTIVE' | 'SYNCING' | 'ERROR' | 'DISABLED';

/** Per-destination and per-source rules an admin sets (API.md `settings`). */
export interface ConnectionSettings {
  /** Export field (or `socialLinks.<network>`) → the destination fields it goes to. */
  fieldMapping?: Record<string, string[]>;
  mandatoryFields?: string[];
  protectedFields?: string[];
  jobStatusWhitelist?: string[];
  filterableCustomFields?: string[];
  /** Requests per second to the vendor where the vendor sets no header we can follow (SmartRecruiters; default 9). */
  requestsPerSecond?: number;
}

/** Where a connection's search reindex is (after its filterable custom fields changed). */
export type SearchReindexStateName = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/**
 * The latest search reindex of a connection's candidates. Each request takes the next
 * `generation`; a job of an older generation stops (the newer one covers its work).
 */
export interface SearchReindexState {
  state: SearchReindexStateName;
  generation: number;
  /** Candidates reindexed so far, of `total` (known once running). */
  processed: number;
  total: number | null;
  /** ISO-8601 times. */
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why the last attempt failed (it is retried). */
  error: string | null;
  /** The remote id of the last candidate reindexed: a retried job goes on after it. */
  checkpoint: string | null;
}

/** A link to one ATS or export destination, with its encrypted credentials. */
@Entity('connections')
@Index('ix_connections_org', ['organizationId'])
export class Connection extends OrgScopedEntity {
  @Column({ type: 'varchar', length: 32 })
  provider!: Provider;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  capabilities!: Capability[];

  /** AES-256-GCM ciphertext of the credentials JSON; never returned by the API. */
  @Column({ type: 'text' })
  credentialsCiphertext!: string;

  /** Which encryption key sealed the credentials, so keys can rotate. */
  @Column({ type: 'varchar', length: 64 })
  credentialsKeyId!: string;

  /** Overrides the vendor's API address (sandboxes, simulators). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  baseUrl!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: ConnectionSettings;

  @Column({ type: 'int', default: 60 })
  syncIntervalMinutes!: number;

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status!: ConnectionStatus;

  @Column({ type: 'text', nullable: true })
  statusMessage!: string | null;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  missingPermissions!: string[];

  /** Vendor-specific incremental state (sync tokens, high-water marks) between runs. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  syncState!: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncedAt!: Date | null;

  /** Webhook subscriptions we created at the vendor (SmartRecruiters), removed with the connection. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  webhookRegistrations!: { remoteId: string; events: string[] }[];

  /** The latest reindex of the connection's search documents; null when none was needed. */
  @Column({ type: 'jsonb', nullable: true })
  searchReindex!: SearchReindexState | null;
}
