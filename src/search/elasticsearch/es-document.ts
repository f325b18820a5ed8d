import { createHash } from 'node:crypto';
import { normalizeKey, tokenize } from '../../common/text';
import type { CandidateDocument, CandidateKind } from '../candidate-document';
import { documentValues } from '../document-values';
import { keysOf } from '../facet-keys';
import {
  customFieldEntry,
  MAX_RESUME_WORDS,
  TEXT_SECTIONS,
  type ValueFilterKey,
} from './es-fields';

/** One nested application: the values the same-application rule compares. */
export interface EsApplication {
  applicationId: string;
  jobId: string | null;
  /** normalizeKey of the stage. */
  stage: string | null;
  /** The normalized status code (ACTIVE, HIRED, …). */
  status: string | null;
  /** normalizeKey of the rejection reason. */
  rejectionReason: string | null;
}

/** The `_source` of a candidate in the candidates index (`text` is indexed, not stored). */
export interface EsCandidateSource {
  organizationId: string;
  candidateId: string;
  kind: CandidateKind;
  nameKey: string;
  lastUpdated: string;
  yearsOfExperience: number | null;
  yearsInRole: number | null;
  /** normalizeKey of each address without spaces, for lookups. */
  emails: string[];
  linkedinUrl: string | null;
  githubUrl: string | null;
  /** `key<US>normalized value` per custom field value. */
  customFields: string[];
  /** Normalized values per custom field key. */
  customFieldValues: Record<string, string[]>;
  /** Normalized filter/facet values per filter list (ids as they are). */
  values: Record<ValueFilterKey, string[]>;
  applications: EsApplication[];
  /** Folded words per text section, one string per value, words joined by single spaces. */
  text: Record<string, string[]>;
  document: CandidateDocument;
}

/** A display label of a facet value, in the labels index (first spelling, or latest job/recruiter name). */
export interface EsLabel {
  organizationId: string;
  /**
   * The filter list the value belongs to (`jobIds`, `skills`, …), or a custom field's label
   * group (document-values.ts: customFieldValueLabels, CUSTOM_FIELD_NAMES).
   */
  facet: string;
  value: string;
  label: string;
}

export interface EsDocumentParts {
  source: EsCandidateSource;
  labels: EsLabel[];
}

/** Builds a candidate's source and the labels of its values. Pure. */
export function toEsDocument(d: CandidateDocument): EsDocumentParts {
  const shared = documentValues(d);
  const labels = [
    ...shared.labels.map((l): EsLabel => ({
      organizationId: d.organizationId,
      facet: l.key,
      value: l.value,
      label: l.label,
    })),
    ...shared.customFieldLabels.map((l): EsLabel => ({
      organizationId: d.organizationId,
      facet: l.group,
      value: l.value,
      label: l.label,
    })),
  ];
  const applications = shared.applications.map((a): EsApplication => ({
    applicationId: a.applicationId,
    jobId: a.jobId,
    stage: a.stage,
    status: a.status,
    rejectionReason: a.rejectionReason,
  }));
  const customFields = shared.customFields.map((c) => customFieldEntry(c.field, c.value));
  const customFieldValues: Record<string, string[]> = {};
  for (const { field, value } of shared.customFields) {
    (customFieldValues[field] ??= []).push(value);
  }

  const source: EsCandidateSource = {
    organizationId: d.organizationId,
    candidateId: d.id,
    kind: d.kind,
    nameKey: normalizeKey(d.fullName),
    lastUpdated: d.lastUpdated,
    yearsOfExperience: d.yearsOfExperience,
    yearsInRole: d.yearsInRole,
    emails: keysOf(d.emails).map((e) => e.replace(/ /g, '')),
    linkedinUrl: d.linkedinUrl,
    githubUrl: d.githubUrl,
    customFields,
    customFieldValues,
    values: shared.values,
    applications,
    text: textSections(d),
    document: d,
  };
  return { source, labels };
}

/**
 * Each section's values as folded words joined by single spaces: the index splits on the spaces
 * only, so Elasticsearch sees exactly the words of common/text.ts (accents, case and joiners
 * like `c++` included) and both engines agree on what a word is.
 */
function textSections(d: CandidateDocument): Record<string, string[]> {
  const sections: Record<string, string[]> = {};
  for (const section of TEXT_SECTIONS) {
    const texts: string[] = [];
    for (const value of section.read(d)) {
      if (!value) continue;
      let tokens = tokenize(value);
      if (section.name === 'resume') tokens = tokens.slice(0, MAX_RESUME_WORDS);
      if (tokens.length > 0) texts.push(tokens.map((t) => t.word).join(' '));
    }
    if (texts.length > 0) sections[section.name] = texts;
  }
  return sections;
}

/** The labels index id of a value: one document per (organization, facet, value). */
export function labelId(organizationId: string, facet: string, value: string): string {
  // Hashed: values can be longer than the 512 bytes an id may have.
  return createHash('sha256').update(`${organizationId}\u001f${facet}\u001f${value}`).digest('hex');
}
