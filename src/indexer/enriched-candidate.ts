import type { Application, Candidate, Profile } from '../entities';
import type {
  CustomFieldValue,
  Education,
  Location,
  SocialLink,
  WorkExperience,
} from '../entities/candidate-fields';
import type { CandidateKind } from '../search/candidate-document';

/** Everything the indexer reads about one candidate, loaded in batches by candidate-inputs.ts. */
export interface CandidateInputs {
  candidate: Candidate;
  filterableCustomFields: string[];
  applications: {
    application: Application;
    jobTitle: string | null;
    stageName: string | null;
    rejectionReason: string | null;
    sourceName: string | null;
    recruiter: { id: string; name: string } | null;
  }[];
  sourceName: string | null;
  recruiter: { id: string; name: string } | null;
  attachments: { name: string; type: string; extractedText: string | null }[];
  profile: Profile | null;
}

/**
 * A candidate as Rediscover knows them: ATS data, enriched with the matched profile and with
 * what their resume says. The search document and the GraphQL `Candidate` are both views of it.
 */
export interface EnrichedCandidate {
  id: string;
  organizationId: string;
  connectionId: string;
  /** The candidate's id in its ATS. */
  remoteId: string;
  kind: CandidateKind;
  fullName: string;
  firstName: string | null;
  lastName: string | null;
  headline: string | null;
  emails: string[];
  phones: string[];
  socialLinks: SocialLink[];
  linkedinUrl: string | null;
  githubUrl: string | null;
  location: Location | null;
  currentCompany: string | null;
  currentTitle: string | null;
  workHistory: WorkExperience[];
  education: Education[];
  skills: string[];
  certifications: string[];
  languages: string[];
  industry: string | null;
  companySize: string | null;
  yearsOfExperience: number | null;
  yearsInRole: number | null;
  resumeText: string;
  tags: string[];
  customFields: Record<string, CustomFieldValue>;
  filterableCustomFields: string[];
  source: string | null;
  recruiter: { id: string; name: string } | null;
  applications: CandidateInputs['applications'];
  lastUpdated: Date;
  /** How the profile was matched, when it was. */
  matchedProfileId: string | null;
}
