import type { Result } from '../common/result';
import type { Provider } from '../entities/provider';
import type { ConnectorError } from './connector';

/**
 * The destination side of a vendor (export, API.md "The push side"): where candidates go as
 * prospects (into a campaign) or as candidates (into a job). One implementation per vendor,
 * beside its mirroring side; src/exports drives them and never speaks HTTP itself.
 */

/** Rediscover's export fields (API.md: the names mandatoryFields / protectedFields / fieldMapping use). */
export const EXPORT_FIELDS = [
  'name',
  'emails',
  'phones',
  'source',
  'location',
  'linkedinUrl',
  'githubUrl',
  'socialLinks',
  'currentTitle',
  'currentCompany',
  'experience',
  'education',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

/** Export fields that hold lists: they may map to several destination fields. */
export const LIST_EXPORT_FIELDS: ReadonlySet<ExportField> = new Set([
  'emails',
  'phones',
  'socialLinks',
  'experience',
  'education',
]);

/** One candidate as it leaves Rediscover: the enriched candidate reduced to the export fields. */
export interface ExportPerson {
  /** Rediscover's candidate id (stable; never sent as a vendor id). */
  candidateId: string;
  name: string;
  firstName: string | null;
  lastName: string | null;
  /** Primary first. May hold a generated `no-email--…` address (generateDummyEmails). */
  emails: string[];
  phones: string[];
  source: string | null;
  location: {
    text: string | null;
    city: string | null;
    region: string | null;
    country: string | null;
  } | null;
  linkedinUrl: string | null;
  githubUrl: string | null;
  /** Other social links, by network (`twitter`, `website`, `stackoverflow`, …). */
  socialLinks: { network: string; url: string }[];
  currentTitle: string | null;
  currentCompany: string | null;
  /** Dates are month-precise (`YYYY-MM`) or null. */
  experience: {
    title: string | null;
    company: string | null;
    startDate: string | null;
    endDate: string | null;
    current: boolean;
  }[];
  education: {
    school: string | null;
    degree: string | null;
    major: string | null;
    startDate: string | null;
    endDate: string | null;
  }[];
}

/**
 * Where export fields go at the destination, as the vendor's own field names. `socialLinks`
 * entries may be keyed by network (`socialLinks.twitter`) to send one network to one field.
 */
export type FieldTargets = Record<string, string[]>;

export interface DestinationJob {
  id: string;
  title: string;
  /** The vendor's own spelling (`Open`, `PUBLISHED`, `open`); null where the vendor has none. */
  status: string | null;
}

export interface DestinationCampaign {
  id: string;
  name: string;
}

export type SendTarget =
  { as: 'PROSPECT'; campaignId: string } | { as: 'CANDIDATE'; jobId: string };

/** A person the destination already holds. */
export interface DestinationRecord {
  remoteId: string;
  /** The destination's current values, by vendor field name (for protected fields). */
  fields: Record<string, unknown>;
}

export interface SendRequest {
  person: ExportPerson;
  target: SendTarget;
  /** The calling user's e-mail, sent where the vendor acts as a user (SourceWhale `userEmail`). */
  userEmail: string | null;
  /** Where each export field goes (the connector's defaults with the admin's fieldMapping applied). */
  targets: FieldTargets;
  /** Vendor fields not to send (protected and already filled at the destination). */
  omit: ReadonlySet<string>;
  /** The record to update instead of creating one (found by findExisting); null: create. */
  existing: DestinationRecord | null;
  /** Marks a verification test candidate (vendors with tags or notes say so on the record). */
  test?: boolean;
}

export interface SendResult {
  remoteId: string;
  /** A link to the record in the vendor's UI, where one can be built. */
  url: string | null;
  outcome: 'CREATED' | 'UPDATED';
  /** The vendor fields actually written. */
  sentFields: string[];
}

/** A 4xx the vendor gave for this one person (validation): fails the item, not the export. */
export interface RejectedError {
  kind: 'rejected';
  message: string;
  status: number;
}

export type DestinationError = ConnectorError | RejectedError;

export interface DestinationConnector {
  readonly provider: Provider;
  /** Every vendor field an export may write: fieldMapping targets must be among these. */
  readonly fields: readonly string[];
  /** Where each export field goes when the admin maps nothing. */
  readonly defaultTargets: FieldTargets;
  /**
   * Whether `listJobs` answers only what `userEmail` may see (the vendor can say so), or
   * every job (it cannot).
   */
  readonly jobsPerUser: boolean;
  /** Campaigns of that user; vendors without campaigns answer `not_found`. */
  listCampaigns(userEmail: string | null): Promise<Result<DestinationCampaign[], DestinationError>>;
  listJobs(userEmail: string | null): Promise<Result<DestinationJob[], DestinationError>>;
  /** The person the destination already holds (by e-mail, then social links, as the vendor allows). */
  findExisting(
    person: ExportPerson,
    userEmail: string | null,
  ): Promise<Result<DestinationRecord | null, DestinationError>>;
  send(request: SendRequest): Promise<Result<SendResult, DestinationError>>;
}

export interface DestinationOptions {
  baseUrl: string | null;
  credentials: Record<string, string>;
  /** Requests per second where the vendor publishes no limit to follow (SourceWhale; SmartRecruiters 10). */
  requestsPerSecond?: number;
  onRateLimited?: (waitMs: number) => void;
}
