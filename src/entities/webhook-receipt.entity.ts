import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Inbound webhook deliveries already accepted, so a replayed delivery is refused. */
@Entity('webhook_receipts')
@Index('ix_webhook_receipts_received', ['receivedAt'])
export class WebhookReceipt {
  @PrimaryColumn({ type: 'uuid' })
  connectionId!: string;

  /** The vendor's delivery id (Ashby webhookActionId + action, Greenhouse-Event-ID, SR event-id). */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  deliveryKey!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}
