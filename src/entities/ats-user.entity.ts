import { Column, Entity, Index } from 'typeorm';
import { RemoteEntity } from './remote.entity';

/** A user of the ATS (recruiter, coordinator, hiring manager). */
@Entity('ats_users')
@Index('uq_ats_users_remote', ['organizationId', 'connectionId', 'remoteId'], { unique: true })
export class AtsUser extends RemoteEntity {
  @Column({ type: 'varchar', length: 200, nullable: true })
  firstName!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lastName!: string | null;

  @Column({ type: 'varchar', length: 400 })
  name!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  role!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
