/**
 * What the search engines index: one document per candidate, built by the indexer from the
 * normalized model (ATS data + matched profile + attachment text). Engines store and query it;
 * they never read the normalized tables.
 */

export type CandidateKind = 'PROSPECT' | 'APPLICANT';

export interface DocumentApplication {
  applicationId: string;
  jobId: string | null;
  jobTitle: string | null;
  stage: string | null;
  status: string;
  rejectionReason: string | null;
  /** ISO-8601. */
  updatedAt: string;
}

export interface CandidateDocument {
  id: string;
  organizationId: string;
  connectionId: string;
  kind: CandidateKind;

  fullName: string;
  headline: string | null;
  /** Lower-cased. */
  emails: string[];
  /** E.164 where parseable. */
  phones: string[];
  /** Normalized `linkedin.com/in/<slug>`. */
  linkedinUrl: string | null;
  /** Normalized `github.com/<user>`. */
  githubUrl: string | null;
  socialUrls: string[];

  /** One display line ("Berlin, Germany"). */
  location: string | null;
  currentCompany: string | null;
  currentTitle: string | null;
  pastCompanies: string[];
  pastTitles: string[];
  skills: string[];
  schools: string[];
  degrees: string[];
  majors: string[];
  yearsOfExperience: number | null;
  yearsInRole: number | null;
  industry: string | null;
  companySize: string | null;
  certifications: string[];
  languages: string[];
  /** Text of the candidate's resumes and other attachments (capped). */
  resumeText: string;

  applications: DocumentApplication[];
  source: string | null;
  recruiterId: string | null;
  recruiterName: string | null;
  tags: string[];
  /** Filterable ATS custom fields: field key → values (as text). */
  customFields: Record<string, string[]>;
  /** Their names in the ATS, by key (documents indexed before names were kept lack it). */
  customFieldNames?: Record<string, string>;
  /** ISO-8601: the latest change to the candidate or any of its applications. */
  lastUpdated: string;
}
