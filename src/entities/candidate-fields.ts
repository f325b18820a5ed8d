/** Shapes stored as JSON on candidates and profiles, shared by every vendor's mapper. */

export type SocialLinkType = 'LINKEDIN' | 'GITHUB' | 'TWITTER' | 'FACEBOOK' | 'WEBSITE' | 'OTHER';

export interface SocialLink {
  type: SocialLinkType;
  url: string;
}

export interface Location {
  city?: string | null;
  region?: string | null;
  country?: string | null;
  /** The location as one readable line ("Berlin, Germany"). */
  text?: string | null;
}

export interface WorkExperience {
  company?: string | null;
  title?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  current?: boolean;
  description?: string | null;
}

export interface Education {
  school?: string | null;
  degree?: string | null;
  major?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

/** An ATS custom field, kept with its label so it can be shown and filtered on. */
export interface CustomFieldValue {
  name: string;
  type?: string | null;
  value: unknown;
}
