import { Column, Entity, Index } from 'typeorm';
import { RemoteEntity } from './remote.entity';

@Entity('rejection_reasons')
@Index('uq_rejection_reasons_remote', ['organizationId', 'connectionId', 'remoteId'], {
  unique: true,
})
export class RejectionReason extends RemoteEntity {
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  type!: string | null;
}
