import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from './base.entity';

/** A person who uses Rediscover (not an ATS user: see AtsUser). */
@Entity('users')
@Index('uq_users_org_email', ['organizationId', 'email'], { unique: true })
export class User extends OrgScopedEntity {
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;
}
