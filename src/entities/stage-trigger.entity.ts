import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Connection } from './connection.entity';
import { Job } from './job.entity';
import { OrgScopedEntity } from './base.entity';

/** Fire an event when a candidate enters `stage` of `jobId` (our Job id). */
@Entity('stage_triggers')
@Index('ix_stage_triggers_job_stage', ['organizationId', 'jobId', 'stage'])
export class StageTrigger extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  connectionId!: string;

  @ManyToOne(() => Connection, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'connection_id' })
  connection?: Connection;

  @Column({ type: 'uuid' })
  jobId!: string;

  @ManyToOne(() => Job, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id' })
  job?: Job;

  @Column({ type: 'varchar', length: 200 })
  stage!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  webhookUrl!: string | null;

  /** Encrypted signing secret for outbound webhooks. */
  @Column({ type: 'text', nullable: true })
  secretCiphertext!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Why the trigger stopped (the partner answered 410 Gone). */
  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;
}
