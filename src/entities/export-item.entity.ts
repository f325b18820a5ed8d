import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ExportJob } from './export-job.entity';
import { OrgScopedEntity } from './base.entity';

/** SENDING is written before the destination call: a resumed SENDING item re-checks the destination. */
export type ExportItemState =
  'PENDING' | 'SENDING' | 'SUCCEEDED' | 'SKIPPED' | 'FAILED' | 'CANCELLED';

/** API.md `ExportItem.outcome`. */
export type ExportOutcome =
  | 'CREATED'
  | 'UPDATED'
  | 'SKIPPED_PREVIOUSLY_EXPORTED'
  | 'SKIPPED_MISSING_MANDATORY'
  | 'FAILED'
  | 'CANCELLED';

/** One candidate within an export, with its result at the destination. */
@Entity('export_items')
@Index('uq_export_items_job_candidate', ['exportJobId', 'candidateId'], { unique: true })
@Index('ix_export_items_previous', ['organizationId', 'destinationId', 'candidateId', 'state'])
@Index('ix_export_items_job_position', ['exportJobId', 'position'])
export class ExportItem extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  exportJobId!: string;

  @ManyToOne(() => ExportJob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'export_job_id' })
  exportJob?: ExportJob;

  @Column({ type: 'uuid' })
  destinationId!: string;

  @Column({ type: 'uuid' })
  candidateId!: string;

  /** Order within the job (the selection's order). */
  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  state!: ExportItemState;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** The record's id at the destination. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  remoteId!: string | null;

  /** True when the destination matched an existing record and updated it. */
  @Column({ type: 'boolean', default: false })
  updatedExisting!: boolean;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: ExportOutcome | null;

  /** The destination fields written (or, in a dry run, that would be). */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  sentFields!: string[];

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
