import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from './base.entity';
import type { Education, Location, SocialLink, WorkExperience } from './candidate-fields';

/** A public profile in the organization's profile directory, used to enrich candidates. */
@Entity('profiles')
@Index('uq_profiles_external', ['organizationId', 'externalId'], { unique: true })
@Index('ix_profiles_org_linkedin', ['organizationId', 'linkedinUrl'])
@Index('ix_profiles_org_github', ['organizationId', 'githubUrl'])
@Index('ix_profiles_org_name_key', ['organizationId', 'nameKey'])
// GIN for the e-mail overlap query; TypeORM cannot declare the method, so the migration owns it.
@Index('ix_profiles_emails', { synchronize: false })
export class Profile extends OrgScopedEntity {
  /** The directory's own id for the profile. */
  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  @Column({ type: 'varchar', length: 400 })
  fullName!: string;

  /** Accent- and case-folded full name, for name + employment + education matching. */
  @Column({ type: 'varchar', length: 400 })
  nameKey!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  headline!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  linkedinUrl!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  githubUrl!: string | null;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  emails!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  socialLinks!: SocialLink[];

  @Column({ type: 'jsonb', nullable: true })
  location!: Location | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  workHistory!: WorkExperience[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  education!: Education[];

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  skills!: string[];

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  certifications!: string[];

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  languages!: string[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  industry!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  companySize!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  raw!: Record<string, unknown>;
}
