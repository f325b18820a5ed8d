/**
 * The vendor-neutral records every simulator serves. Each simulator maps these to its vendor's
 * shapes, so a test can compute the exact rows a connector should import from `dataset` alone.
 * Times are epoch milliseconds; serializers turn them into each vendor's format.
 */

export type UserRole = 'ADMIN' | 'RECRUITER' | 'HIRING_MANAGER' | 'COORDINATOR' | 'INTERVIEWER';

export interface NeutralUser {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  role: UserRole;
  title: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export type SourceType =
  'JOB_BOARD' | 'REFERRAL' | 'SOURCED' | 'AGENCY' | 'CAREER_SITE' | 'EVENT' | 'SOCIAL_MEDIA';

export interface NeutralSource {
  key: string;
  name: string;
  type: SourceType;
}

/** Who ended the process: the three Greenhouse types, which every vendor can express. */
export type RejectionType = 'WE_REJECTED_THEM' | 'THEY_REJECTED_US' | 'NONE_SPECIFIED';

export interface NeutralRejectionReason {
  key: string;
  name: string;
  type: RejectionType;
}

/** What a stage means, so each vendor can map it to its own stage types or statuses. */
export type StageKind = 'LEAD' | 'NEW' | 'REVIEW' | 'INTERVIEW' | 'OFFER' | 'HIRED' | 'ARCHIVED';

export interface NeutralStage {
  key: string;
  name: string;
  kind: StageKind;
  /** 0-based position in the one pipeline every job uses. */
  order: number;
}

export interface NeutralDepartment {
  key: string;
  name: string;
}

export interface NeutralPlace {
  city: string;
  region: string;
  country: string;
  countryCode: string;
  timezone: string;
}

export interface NeutralOffice {
  key: string;
  name: string;
  place: NeutralPlace;
  remote: boolean;
}

export type JobStatus = 'OPEN' | 'CLOSED' | 'DRAFT' | 'ARCHIVED';
export type EmploymentType = 'FULL_TIME' | 'PART_TIME' | 'CONTRACT' | 'INTERN' | 'TEMPORARY';

export interface NeutralJob {
  key: string;
  title: string;
  departmentKey: string;
  officeKey: string;
  status: JobStatus;
  employmentType: EmploymentType;
  /** Whether the job has a posting at all (Ashby/Greenhouse job posts, SmartRecruiters ads). */
  hasPosting: boolean;
  /** Whether that posting is public (listed on the job board). */
  postingListed: boolean;
  recruiterKey: string;
  hiringManagerKey: string;
  requisitionId: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  openedAt: number | null;
  closedAt: number | null;
}

export type CustomFieldType =
  'TEXT' | 'NUMBER' | 'BOOLEAN' | 'DATE' | 'SINGLE_SELECT' | 'MULTI_SELECT';

export interface NeutralCustomFieldDefinition {
  key: string;
  name: string;
  type: CustomFieldType;
  /** Allowed values for the select types. */
  options: string[];
  isPrivate: boolean;
}

/** TEXT and SINGLE_SELECT hold strings, DATE an ISO date (YYYY-MM-DD), MULTI_SELECT string[]. */
export type CustomFieldValue = string | number | boolean | string[];

export interface NeutralCustomFieldValue {
  fieldKey: string;
  value: CustomFieldValue;
}

export interface NeutralEmail {
  value: string;
  type: 'PERSONAL' | 'WORK';
}

export interface NeutralPhone {
  value: string;
  type: 'MOBILE' | 'HOME' | 'WORK';
}

export interface NeutralExperience {
  title: string;
  company: string;
  startYear: number;
  startMonth: number;
  /** null while current. */
  endYear: number | null;
  endMonth: number | null;
  current: boolean;
  location: string;
  description: string;
}

export interface NeutralEducation {
  school: string;
  degree: string;
  major: string;
  startYear: number;
  endYear: number;
}

export interface NeutralLanguage {
  name: string;
  proficiency: 'Native' | 'Fluent' | 'Professional' | 'Conversational' | 'Basic';
}

export type AttachmentKind = 'RESUME' | 'COVER_LETTER';
export type AttachmentFormat = 'pdf' | 'docx';

export interface NeutralAttachment {
  key: string;
  kind: AttachmentKind;
  format: AttachmentFormat;
  fileName: string;
  createdAt: number;
}

export interface NeutralCandidate {
  key: string;
  /** The generator index this candidate was built from (stable across runs for a seed). */
  index: number;
  firstName: string;
  lastName: string;
  emails: NeutralEmail[];
  phones: NeutralPhone[];
  /** As a person typed it: varied real-world URL forms, not normalized. */
  linkedinUrl: string | null;
  githubUrl: string | null;
  websiteUrl: string | null;
  place: NeutralPlace | null;
  currentCompany: string | null;
  currentTitle: string | null;
  experience: NeutralExperience[];
  education: NeutralEducation[];
  skills: string[];
  certifications: string[];
  languages: NeutralLanguage[];
  tags: string[];
  customFields: NeutralCustomFieldValue[];
  sourceKey: string | null;
  recruiterKey: string | null;
  /** Plain text with HEADLINE, contact line, SUMMARY, EXPERIENCE, EDUCATION, SKILLS, ... */
  resumeText: string;
  attachments: NeutralAttachment[];
  createdAt: number;
  /** Last change to the profile itself. */
  updatedAt: number;
  /** Last change to the profile or any of its applications. */
  lastActivityAt: number;
}

export type ApplicationStatus = 'ACTIVE' | 'REJECTED' | 'HIRED' | 'ARCHIVED';

export interface NeutralApplication {
  key: string;
  candidateKey: string;
  /** null for a job-less prospect application (served by Greenhouse only). */
  jobKey: string | null;
  /** Current pipeline stage; a rejected application keeps the stage it was rejected in. */
  stageKey: string;
  status: ApplicationStatus;
  /** Set when status is REJECTED (our decision) or ARCHIVED (candidate withdrew). */
  rejectionReasonKey: string | null;
  rejectedAt: number | null;
  prospect: boolean;
  sourceKey: string | null;
  recruiterKey: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Everything that is not a candidate or application: small, shared by all candidates. */
export interface ReferenceData {
  /** The seed everything was generated from. */
  seed: string;
  /** The "present" of the generated world (epoch ms); every generated time lies before it. */
  now: number;
  /** The organization whose ATS this is. */
  company: { name: string; domain: string };
  users: NeutralUser[];
  sources: NeutralSource[];
  rejectionReasons: NeutralRejectionReason[];
  stages: NeutralStage[];
  departments: NeutralDepartment[];
  offices: NeutralOffice[];
  jobs: NeutralJob[];
  customFields: NeutralCustomFieldDefinition[];
  tags: string[];
}

/** One generated candidate with its applications. */
export interface GeneratedCandidate {
  candidate: NeutralCandidate;
  applications: NeutralApplication[];
}
