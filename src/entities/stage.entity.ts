import { Column, Entity, Index } from 'typeorm';
import { RemoteEntity } from './remote.entity';

/** An interview stage; `jobId` is null for pipelines shared across jobs. */
@Entity('stages')
@Index('uq_stages_remote', ['organizationId', 'connectionId', 'remoteId'], { unique: true })
@Index('ix_stages_job', ['jobId'])
export class Stage extends RemoteEntity {
  @Column({ type: 'uuid', nullable: true })
  jobId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  type!: string | null;
}
