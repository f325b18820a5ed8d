import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from './base.entity';

export type DeliveryState = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One outbound, signed webhook; retried with backoff until delivered. */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_pending', ['state', 'nextAttemptAt'])
@Index('ix_webhook_deliveries_trigger', ['stageTriggerId'])
export class WebhookDelivery extends OrgScopedEntity {
  @Column({ type: 'uuid', nullable: true })
  stageTriggerId!: string | null;

  @Column({ type: 'varchar', length: 1000 })
  url!: string;

  @Column({ type: 'varchar', length: 100 })
  eventType!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  state!: DeliveryState;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatus!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
