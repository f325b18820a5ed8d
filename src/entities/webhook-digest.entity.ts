import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Digests of the signed bytes of inbound webhook deliveries already accepted, kept while the
 * vendor's signature would still accept them: a replay is recognized by what the vendor signed,
 * whatever it changes outside the signature (Greenhouse's event-id header, say).
 */
@Entity('webhook_digests')
@Index('ix_webhook_digests_expires', ['expiresAt'])
export class WebhookDigest {
  @PrimaryColumn({ type: 'uuid' })
  connectionId!: string;

  /** SHA-256 of the bytes the signature covers. */
  @PrimaryColumn({ type: 'bytea' })
  digest!: Buffer;

  /** When a replay of this delivery can no longer pass (or is no longer worth refusing). */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
