import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { CustomFieldValue } from './candidate-fields';
import { Candidate } from './candidate.entity';
import { RemoteEntity } from './remote.entity';

/** Normalized across vendors; the vendor's own word is kept in `remoteStatus`. */
export type ApplicationStatus = 'ACTIVE' | 'REJECTED' | 'HIRED' | 'WITHDRAWN' | 'ARCHIVED';

/** A candidate's relation to one job (or, for prospects, to none). */
@Entity('applications')
@Index('uq_applications_remote', ['organizationId', 'connectionId', 'remoteId'], { unique: true })
@Index('ix_applications_candidate', ['candidateId'])
@Index('ix_applications_org_job_stage', ['organizationId', 'jobId', 'stageName'])
export class Application extends RemoteEntity {
  @Column({ type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Candidate;

  @Column({ type: 'uuid', nullable: true })
  jobId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  stageId!: string | null;

  /** The stage as the recruiter sees it; kept even when the vendor has no stage object. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  stageName!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ApplicationStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  remoteStatus!: string | null;

  @Column({ type: 'uuid', nullable: true })
  rejectionReasonId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  sourceId!: string | null;

  /** AtsUser credited with / recruiting for this application. */
  @Column({ type: 'uuid', nullable: true })
  recruiterId!: string | null;

  @Column({ type: 'boolean', default: false })
  isProspect!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  hiredAt!: Date | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  customFields!: Record<string, CustomFieldValue>;
}
