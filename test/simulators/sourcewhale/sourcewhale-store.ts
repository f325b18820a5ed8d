/**
 * SourceWhale's side of an export: team users, campaigns, projects and the candidates pushed in.
 * `add` creates a candidate, or (on a shared e-mail or social link) updates the existing one,
 * as SourceWhale does with duplicates.
 */
import { canonicalSocialLink } from '../common/social-links';

export interface SourceWhaleUser {
  email: string;
  name: string;
}

export interface SourceWhaleCampaign {
  campaignId: string;
  campaignName: string;
  ownerEmail: string;
  sourced: number;
  sent: number;
  openedProp: number;
  repliedProp: number;
  interestedProp: number;
  bookedProp: number;
}

export interface SourceWhaleProject {
  projectId: string;
  projectName: string;
}

/** Every field `/v1/candidates/add` accepts, as sent (ATS-APIS.md §4.2). */
export type CandidateFields = Record<string, unknown> & {
  name?: string;
  firstName?: string;
  lastName?: string;
  emails?: string[];
  phones?: string[];
  socialLinks?: string[];
};

export interface SourceWhaleCandidate {
  candidateId: string;
  /** Latest value of every field received (later adds and modifies overwrite). */
  fields: CandidateFields;
  emails: string[];
  phones: string[];
  socialLinks: string[];
  projectIds: string[];
  campaignIds: string[];
  ownerEmail: string | null;
  stage: string;
  status: string;
  opens: number;
  clicks: number;
  /** Epoch ms. */
  createdAt: number;
  lastContacted: number | null;
  lastActivity: number | null;
  /** Each add/modify that touched this candidate, oldest first, for export assertions. */
  history: Array<{
    action: 'created' | 'updated' | 'modified';
    at: number;
    fields: CandidateFields;
  }>;
  /** The neutral candidate this was seeded from, if any. */
  neutralKey: string | null;
}

export interface AddOptions {
  campaignId?: string | undefined;
  projectIds?: string[] | undefined;
  ownerEmail?: string | null;
}

const unique = (values: string[]): string[] => [...new Set(values)];

export function displayName(fields: CandidateFields): string {
  return fields.name ?? [fields.firstName, fields.lastName].filter(Boolean).join(' ');
}

export class SourceWhaleStore {
  readonly users: SourceWhaleUser[] = [];
  readonly campaigns: SourceWhaleCampaign[] = [];
  readonly projects: SourceWhaleProject[] = [];
  readonly candidates = new Map<string, SourceWhaleCandidate>();

  constructor(
    private readonly now: () => number,
    /** Mints candidate ids (deterministic per seed, so seeded workspaces repeat exactly). */
    private readonly mintId: () => string,
  ) {}

  /** Same person: a shared e-mail (case-insensitive) or profile link (canonical form). */
  findDuplicate(fields: CandidateFields): SourceWhaleCandidate | undefined {
    const emails = new Set((fields.emails ?? []).map((e) => e.toLowerCase()));
    const links = new Set((fields.socialLinks ?? []).map(canonicalSocialLink));
    for (const candidate of this.candidates.values()) {
      if (candidate.emails.some((e) => emails.has(e.toLowerCase()))) return candidate;
      if (candidate.socialLinks.some((l) => links.has(canonicalSocialLink(l)))) return candidate;
    }
    return undefined;
  }

  add(
    fields: CandidateFields,
    options: AddOptions = {},
  ): { candidate: SourceWhaleCandidate; created: boolean } {
    const at = this.now();
    const existing = this.findDuplicate(fields);
    if (existing) {
      this.merge(existing, fields, options);
      existing.history.push({ action: 'updated', at, fields });
      return { candidate: existing, created: false };
    }
    const candidate: SourceWhaleCandidate = {
      candidateId: this.mintId(),
      fields: { ...fields },
      emails: unique(fields.emails ?? []),
      phones: unique(fields.phones ?? []),
      socialLinks: unique(fields.socialLinks ?? []),
      projectIds: unique(options.projectIds ?? []),
      campaignIds: options.campaignId ? [options.campaignId] : [],
      ownerEmail: options.ownerEmail ?? null,
      stage: options.campaignId ? 'In Campaign' : 'Sourced',
      status: 'Active',
      opens: 0,
      clicks: 0,
      createdAt: at,
      lastContacted: null,
      lastActivity: at,
      history: [{ action: 'created', at, fields }],
      neutralKey: null,
    };
    this.candidates.set(candidate.candidateId, candidate);
    return { candidate, created: true };
  }

  modify(candidateId: string, fields: CandidateFields): SourceWhaleCandidate | undefined {
    const candidate = this.candidates.get(candidateId);
    if (!candidate) return undefined;
    // modify replaces the lists it is given, unlike add, which merges into a duplicate.
    candidate.fields = { ...candidate.fields, ...fields };
    if (fields.emails) candidate.emails = unique(fields.emails);
    if (fields.phones) candidate.phones = unique(fields.phones);
    if (fields.socialLinks) candidate.socialLinks = unique(fields.socialLinks);
    candidate.lastActivity = this.now();
    candidate.history.push({ action: 'modified', at: candidate.lastActivity, fields });
    return candidate;
  }

  search(key: 'socialLink' | 'photo' | 'email' | 'phone', value: string): SourceWhaleCandidate[] {
    const wanted = value.trim().toLowerCase();
    const digits = (s: string): string => s.replace(/\D/g, '');
    return [...this.candidates.values()].filter((c) => {
      switch (key) {
        case 'email':
          return c.emails.some((e) => e.toLowerCase() === wanted);
        case 'socialLink':
          return c.socialLinks.some((l) => canonicalSocialLink(l) === canonicalSocialLink(value));
        case 'phone':
          return c.phones.some((p) => digits(p) === digits(value) && digits(value) !== '');
        case 'photo':
          return (
            typeof c.fields['photo'] === 'string' && c.fields['photo'].toLowerCase() === wanted
          );
      }
    });
  }

  private merge(
    candidate: SourceWhaleCandidate,
    fields: CandidateFields,
    options: AddOptions,
  ): void {
    candidate.fields = { ...candidate.fields, ...fields };
    candidate.emails = unique([...candidate.emails, ...(fields.emails ?? [])]);
    candidate.phones = unique([...candidate.phones, ...(fields.phones ?? [])]);
    candidate.socialLinks = unique([...candidate.socialLinks, ...(fields.socialLinks ?? [])]);
    candidate.projectIds = unique([...candidate.projectIds, ...(options.projectIds ?? [])]);
    if (options.campaignId)
      candidate.campaignIds = unique([...candidate.campaignIds, options.campaignId]);
    candidate.lastActivity = this.now();
  }
}
