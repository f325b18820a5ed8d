import { Column, Entity, Index } from 'typeorm';
import { RemoteEntity } from './remote.entity';

export type JobStatus = 'OPEN' | 'CLOSED' | 'DRAFT' | 'ARCHIVED' | 'ON_HOLD' | 'OTHER';

/** A public posting of a job (Ashby job posting, Greenhouse job post, SmartRecruiters ad). */
export interface JobPosting {
  remoteId: string;
  title: string;
  isListed: boolean;
  url?: string | null;
}

@Entity('jobs')
@Index('uq_jobs_remote', ['organizationId', 'connectionId', 'remoteId'], { unique: true })
@Index('ix_jobs_org_status', ['organizationId', 'status'])
export class Job extends RemoteEntity {
  @Column({ type: 'varchar', length: 400 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: JobStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  remoteStatus!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  postings!: JobPosting[];

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
