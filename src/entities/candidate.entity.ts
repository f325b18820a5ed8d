import { Column, Entity, Index } from 'typeorm';
import type {
  CustomFieldValue,
  Education,
  Location,
  SocialLink,
  WorkExperience,
} from './candidate-fields';
import { RemoteEntity } from './remote.entity';

/** A person in an ATS, in the one model shared by every vendor. */
@Entity('candidates')
@Index('uq_candidates_remote', ['organizationId', 'connectionId', 'remoteId'], { unique: true })
@Index('ix_candidates_org_updated', ['organizationId', 'remoteUpdatedAt'])
@Index('ix_candidates_org_linkedin', ['organizationId', 'linkedinUrl'])
@Index('ix_candidates_org_github', ['organizationId', 'githubUrl'])
@Index('ix_candidates_emails', ['emails'])
@Index('ix_candidates_merged_into', ['mergedIntoId'])
export class Candidate extends RemoteEntity {
  @Column({ type: 'varchar', length: 200, nullable: true })
  firstName!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lastName!: string | null;

  @Column({ type: 'varchar', length: 400 })
  fullName!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  headline!: string | null;

  /** Lower-cased, primary first. */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  emails!: string[];

  /** E.164 where the number could be parsed, else as given. */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  phones!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  socialLinks!: SocialLink[];

  /** Normalized `linkedin.com/in/<slug>`, for lookups. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  linkedinUrl!: string | null;

  /** Normalized `github.com/<user>`, for lookups. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  githubUrl!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  location!: Location | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  currentCompany!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  currentTitle!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  workHistory!: WorkExperience[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  education!: Education[];

  /** Our Source row id (the candidate-level source, where the vendor has one). */
  @Column({ type: 'uuid', nullable: true })
  sourceId!: string | null;

  /** Our AtsUser row id of the recruiter / owner. */
  @Column({ type: 'uuid', nullable: true })
  recruiterId!: string | null;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  tags!: string[];

  /** Keyed by the vendor's field key. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  customFields!: Record<string, CustomFieldValue>;

  /** When merged away upstream: the surviving candidate's id. */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId!: string | null;
}
