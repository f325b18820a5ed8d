import type { ApplicationStatus } from '../entities/application.entity';
import type { AttachmentType } from '../entities/attachment.entity';
import type {
  CustomFieldValue,
  Education,
  Location,
  SocialLink,
  WorkExperience,
} from '../entities/candidate-fields';
import type { JobPosting, JobStatus } from '../entities/job.entity';

/**
 * What connectors hand to the sync: vendor records mapped into the normalized model, with the
 * vendor's ids (`remoteId`, references as `…RemoteId`) and the raw payload kept. Connectors
 * know nothing of our database ids; the sync resolves references.
 */

interface Remote {
  remoteId: string;
  /** The vendor's payload as received (unknown extra fields included). */
  raw: Record<string, unknown>;
  remoteCreatedAt?: Date | null;
  remoteUpdatedAt?: Date | null;
}

export interface UserRecord extends Remote {
  firstName: string | null;
  lastName: string | null;
  name: string;
  email: string | null;
  role: string | null;
  active: boolean;
}

export interface SourceRecord extends Remote {
  name: string;
  type: string | null;
}

export interface RejectionReasonRecord extends Remote {
  name: string;
  type: string | null;
}

export interface JobRecord extends Remote {
  title: string;
  status: JobStatus;
  remoteStatus: string | null;
  department: string | null;
  location: string | null;
  postings: JobPosting[];
  openedAt: Date | null;
  closedAt: Date | null;
}

export interface StageRecord extends Remote {
  /** Null when the stage belongs to a pipeline shared by several jobs. */
  jobRemoteId: string | null;
  name: string;
  position: number;
  type: string | null;
}

/** Where a file lives at the vendor; `locator` is whatever the connector needs to fetch it. */
export interface AttachmentRef {
  remoteId: string;
  name: string;
  type: AttachmentType;
  contentType: string | null;
  locator: string;
}

export interface CandidateRecord extends Remote {
  firstName: string | null;
  lastName: string | null;
  fullName: string;
  headline: string | null;
  emails: string[];
  phones: string[];
  socialLinks: SocialLink[];
  location: Location | null;
  currentCompany: string | null;
  currentTitle: string | null;
  workHistory: WorkExperience[];
  education: Education[];
  sourceRemoteId: string | null;
  recruiterRemoteId: string | null;
  tags: string[];
  customFields: Record<string, CustomFieldValue>;
  attachments: AttachmentRef[];
}

export interface ApplicationRecord extends Remote {
  candidateRemoteId: string;
  jobRemoteId: string | null;
  stageRemoteId: string | null;
  stageName: string | null;
  status: ApplicationStatus;
  remoteStatus: string | null;
  rejectionReasonRemoteId: string | null;
  sourceRemoteId: string | null;
  recruiterRemoteId: string | null;
  isProspect: boolean;
  appliedAt: Date | null;
  rejectedAt: Date | null;
  hiredAt: Date | null;
  customFields: Record<string, CustomFieldValue>;
}

/** One record of a stream, tagged by what it is. */
export type SyncRecord =
  | { kind: 'user'; record: UserRecord }
  | { kind: 'source'; record: SourceRecord }
  | { kind: 'rejection_reason'; record: RejectionReasonRecord }
  | { kind: 'job'; record: JobRecord }
  | { kind: 'stage'; record: StageRecord }
  | { kind: 'candidate'; record: CandidateRecord }
  | { kind: 'application'; record: ApplicationRecord };

/** A vendor record that could not be mapped: reported on the run, never fatal. */
export interface SkippedRecord {
  stream: string;
  remoteId: string | null;
  reason: string;
}
