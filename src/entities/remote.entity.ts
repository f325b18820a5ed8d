import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from './base.entity';
import { Connection } from './connection.entity';

/**
 * A row mirrored from a vendor: unique on (organization, connection, remote id), keeping the
 * vendor's raw payload so nothing the vendor sent is lost.
 */
export abstract class RemoteEntity extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  connectionId!: string;

  @ManyToOne(() => Connection, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'connection_id' })
  connection?: Connection;

  @Column({ type: 'varchar', length: 128 })
  remoteId!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  raw!: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  remoteCreatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  remoteUpdatedAt!: Date | null;

  /** Set when the vendor no longer has the object (deleted upstream or merged away). */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
