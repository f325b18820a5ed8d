import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from './base.entity';
import { StageTrigger } from './stage-trigger.entity';

/**
 * One application entering a trigger's stage: written by a database trigger in the same
 * transaction as the application row (whichever of sync or webhook wrote the move first), so
 * each entry exists exactly once, and dispatched from here (an outbox).
 */
@Entity('stage_change_events')
@Index('ix_stage_change_events_unpublished', ['publishedAt', 'createdAt'])
@Index('ix_stage_change_events_trigger', ['triggerId', 'createdAt'])
export class StageChangeEvent extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  triggerId!: string;

  @ManyToOne(() => StageTrigger, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trigger_id' })
  trigger?: StageTrigger;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  candidateId!: string;

  @Column({ type: 'uuid' })
  jobId!: string;

  @Column({ type: 'varchar', length: 200 })
  stage!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  previousStage!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  /** Set once the event went to subscribers and its delivery was queued. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
