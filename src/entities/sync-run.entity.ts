import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Connection } from './connection.entity';
import { OrgScopedEntity } from './base.entity';

export type SyncMode = 'FULL' | 'INCREMENTAL';
export type SyncRunState = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

/**
 * Where a run stands, committed after every page: a restarted worker resumes from here.
 * `phase` names the object being synced; `cursor` is the vendor's cursor within it.
 */
export interface SyncCheckpoint {
  phase: string;
  cursor: string | null;
  /** Phases already finished in this run. */
  done: string[];
  /** Vendor state to commit to the connection when the run completes (e.g. new sync tokens). */
  pending?: Record<string, unknown>;
  /** When this checkpoint was committed (ISO). */
  committedAt?: string;
}

@Entity('sync_runs')
@Index('ix_sync_runs_connection_created', ['connectionId', 'createdAt'])
@Index('ix_sync_runs_state', ['state'])
export class SyncRun extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  connectionId!: string;

  @ManyToOne(() => Connection, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'connection_id' })
  connection?: Connection;

  @Column({ type: 'varchar', length: 16 })
  mode!: SyncMode;

  @Column({ type: 'varchar', length: 16, default: 'QUEUED' })
  state!: SyncRunState;

  @Column({ type: 'varchar', length: 16, default: 'MANUAL' })
  trigger!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  phase!: string | null;

  @Column({ type: 'int', default: 0 })
  processed!: number;

  @Column({ type: 'int', nullable: true })
  total!: number | null;

  @Column({ type: 'int', default: 0 })
  rateLimitWaits!: number;

  @Column({ type: 'int', default: 0 })
  skippedRecords!: number;

  @Column({ type: 'jsonb', nullable: true })
  checkpoint!: SyncCheckpoint | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
