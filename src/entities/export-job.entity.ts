import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Connection } from './connection.entity';
import { OrgScopedEntity } from './base.entity';

export type ExportState = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type ExportAs = 'PROSPECT' | 'CANDIDATE';

/** What to export: explicit ids, or everything a search matches (resolved when it runs). */
export type ExportSelection =
  | { kind: 'ids'; candidateIds: string[] }
  | { kind: 'search'; query: string | null; filter: Record<string, unknown> };

@Entity('export_jobs')
@Index('ix_export_jobs_org_created', ['organizationId', 'createdAt'])
export class ExportJob extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  userId!: string;

  /** The destination connection. */
  @Column({ type: 'uuid' })
  destinationId!: string;

  @ManyToOne(() => Connection, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'destination_id' })
  destination?: Connection;

  @Column({ type: 'varchar', length: 16 })
  exportAs!: ExportAs;

  @Column({ type: 'varchar', length: 128, nullable: true })
  campaignId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  jobId!: string | null;

  @Column({ type: 'jsonb' })
  selection!: ExportSelection;

  @Column({ type: 'boolean', default: false })
  includePreviouslyExported!: boolean;

  @Column({ type: 'boolean', default: false })
  generateDummyEmails!: boolean;

  /** Report what would be sent; send nothing. */
  @Column({ type: 'boolean', default: false })
  dryRun!: boolean;

  /** The starting user's e-mail: destination calls act as that user (SourceWhale `userEmail`). */
  @Column({ type: 'varchar', length: 320, nullable: true })
  userEmail!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'QUEUED' })
  state!: ExportState;

  @Column({ type: 'int', nullable: true })
  total!: number | null;

  @Column({ type: 'int', default: 0 })
  processed!: number;

  @Column({ type: 'int', default: 0 })
  succeeded!: number;

  @Column({ type: 'int', default: 0 })
  skipped!: number;

  @Column({ type: 'int', default: 0 })
  failed!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
