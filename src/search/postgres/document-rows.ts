import { normalizeKey } from '../../common/text';
import type { CandidateDocument } from '../candidate-document';
import { documentValues, VALUE_FILTER_KEYS } from '../document-values';
import { keysOf } from '../facet-keys';
import { buildTsvectors } from './tsvector-builder';
import { customFieldKey, filterKey, VALUE_COLUMNS } from './pg-columns';

/** One row of search_candidates, as JSON for jsonb_to_recordset. */
export interface CandidateRow {
  candidate_id: string;
  organization_id: string;
  connection_id: string;
  kind: string;
  name_key: string;
  last_updated: string;
  years_experience: number | null;
  years_in_role: number | null;
  emails: string[];
  linkedin_url: string | null;
  github_url: string | null;
  filter_keys: string[];
  [column: string]: string | string[] | number | null;
}

/** One row of search_text: what query text is matched and ranked against. */
export interface TextRow {
  candidate_id: string;
  organization_id: string;
  rank_tsv: string;
  tsv: string;
}

export interface ApplicationRow {
  organization_id: string;
  candidate_id: string;
  application_id: string;
  job_id: string | null;
  stage: string | null;
  status: string | null;
  rejection_reason: string | null;
}

export interface LabelRow {
  organization_id: string;
  prefix: string;
  value: string;
  label: string;
}

export interface DocumentRows {
  candidate: CandidateRow;
  text: TextRow;
  applications: ApplicationRow[];
  labels: LabelRow[];
}

/** Splits a document into the engine's tables. Pure. */
export function toRows(d: CandidateDocument): DocumentRows {
  const { values, labels, applications, customFields, customFieldLabels } = documentValues(d);
  const row: CandidateRow = {
    candidate_id: d.id,
    organization_id: d.organizationId,
    connection_id: d.connectionId,
    kind: d.kind,
    name_key: normalizeKey(d.fullName),
    last_updated: d.lastUpdated,
    years_experience: d.yearsOfExperience,
    years_in_role: d.yearsInRole,
    emails: keysOf(d.emails).map((e) => e.replace(/ /g, '')),
    linkedin_url: d.linkedinUrl,
    github_url: d.githubUrl,
    filter_keys: [],
  };
  const { tsv, rankTsv } = buildTsvectors(d);
  for (const key of VALUE_FILTER_KEYS) {
    const column = VALUE_COLUMNS[key];
    if (column.stored) row[column.column] = column.array ? values[key] : (values[key][0] ?? null);
    for (const value of values[key]) row.filter_keys.push(filterKey(column.prefix, value));
  }
  for (const { field, value } of customFields) row.filter_keys.push(customFieldKey(field, value));
  return {
    candidate: row,
    text: { candidate_id: d.id, organization_id: d.organizationId, rank_tsv: rankTsv, tsv },
    applications: applications.map((a) => ({
      organization_id: d.organizationId,
      candidate_id: d.id,
      application_id: a.applicationId,
      job_id: a.jobId,
      stage: a.stage,
      status: a.status,
      rejection_reason: a.rejectionReason,
    })),
    labels: [
      ...labels.map((l) => ({
        organization_id: d.organizationId,
        prefix: VALUE_COLUMNS[l.key].prefix,
        value: l.value,
        label: l.label,
      })),
      // Custom field labels are kept under their group (customFieldValueLabels, CUSTOM_FIELD_NAMES).
      ...customFieldLabels.map((l) => ({
        organization_id: d.organizationId,
        prefix: l.group,
        value: l.value,
        label: l.label,
      })),
    ],
  };
}
