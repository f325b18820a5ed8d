import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from './base.entity';

export type DeliveryState = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One outbound, signed webhook; retried with backoff until delivered. */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_pending', ['state', 'nextAttemptAt'])
@Index('ix_webhook_deliveries_trigger', ['stageTriggerId'])
@Index('uq_webhook_deliveries_event', ['eventId'], { unique: true })
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

  /** The event delivered (its id is the stable `webhook-id` of every attempt). */
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  /** Every attempt: `{ attempt, status, error, at }` (API.md `deliveries`). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attemptLog!: DeliveryAttempt[];
}

export interface DeliveryAttempt {
  attempt: number;
  /** The partner's HTTP status; null when none came. */
  status: number | null;
  error: string | null;
  at: string;
}
