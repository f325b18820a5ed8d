import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ExportJob } from './export-job.entity';
import { OrgScopedEntity } from './base.entity';

export type ExportItemState = 'PENDING' | 'SUCCEEDED' | 'SKIPPED' | 'FAILED';

/** One candidate within an export, with its result at the destination. */
@Entity('export_items')
@Index('uq_export_items_job_candidate', ['exportJobId', 'candidateId'], { unique: true })
@Index('ix_export_items_previous', ['organizationId', 'destinationId', 'candidateId', 'state'])
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
}
