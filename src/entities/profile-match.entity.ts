import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Candidate } from './candidate.entity';
import { Profile } from './profile.entity';
import { OrgScopedEntity } from './base.entity';

export type MatchRule = 'LINKEDIN_URL' | 'GITHUB_URL' | 'EMAIL' | 'NAME_EMPLOYMENT_EDUCATION';

/** Which directory profile a candidate was matched to, by which rule. One per candidate. */
@Entity('profile_matches')
@Index('uq_profile_matches_candidate', ['candidateId'], { unique: true })
@Index('ix_profile_matches_profile', ['profileId'])
export class ProfileMatch extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Candidate;

  @Column({ type: 'uuid' })
  profileId!: string;

  @ManyToOne(() => Profile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'profile_id' })
  profile?: Profile;

  @Column({ type: 'varchar', length: 32 })
  rule!: MatchRule;

  @Column({ type: 'real' })
  confidence!: number;

  /** When this profile was matched by this rule (unchanged by reruns that agree). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  matchedAt!: Date;
}
