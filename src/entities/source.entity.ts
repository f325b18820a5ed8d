import { Column, Entity, Index } from 'typeorm';
import { RemoteEntity } from './remote.entity';

/** Where a candidate came from (referral, job board, sourcing...). */
@Entity('sources')
@Index('uq_sources_remote', ['organizationId', 'connectionId', 'remoteId'], { unique: true })
export class Source extends RemoteEntity {
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  type!: string | null;
}
