import { normalizeKey } from '../../common/text';
import type { CandidateDocument } from '../candidate-document';
import { keysOf, TEXT_FILTERS } from '../facet-keys';
import { buildTsvector } from './tsvector-builder';
import { customFieldKey, filterKey, VALUE_COLUMNS, type ValueFilterKey } from './pg-columns';

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
  tsv: string;
  [column: string]: string | string[] | number | null;
}

export interface ApplicationRow {
  organization_id: string;
  candidate_id: string;
  application_id: string;
  job_id: string | null;
  stage: string | null;
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
  applications: ApplicationRow[];
  labels: LabelRow[];
}

/** Splits a document into the engine's tables. Pure. */
export function toRows(d: CandidateDocument): DocumentRows {
  const labels: LabelRow[] = [];
  const label = (prefix: string, value: string, text: string): void => {
    labels.push({ organization_id: d.organizationId, prefix, value, label: text });
  };

  const values: Record<ValueFilterKey, string[]> = {
    stages: [],
    jobIds: [],
    rejectionReasons: [],
    sources: [],
    recruiterIds: d.recruiterId ? [d.recruiterId] : [],
    connectionIds: [d.connectionId],
    locations: [],
    companies: [],
    pastCompanies: [],
    titles: [],
    pastTitles: [],
    skills: [],
    schools: [],
    degrees: [],
    majors: [],
    industries: [],
    companySizes: [],
    certifications: [],
    languages: [],
    tags: [],
  };
  if (d.recruiterId) label('rec', d.recruiterId, d.recruiterName ?? d.recruiterId);
  label('conn', d.connectionId, d.connectionId);

  for (const [key, read] of Object.entries(TEXT_FILTERS) as [
    keyof typeof TEXT_FILTERS,
    (x: CandidateDocument) => readonly string[],
  ][]) {
    for (const original of read(d)) {
      const value = normalizeKey(original);
      if (!value) continue;
      values[key].push(value);
      label(VALUE_COLUMNS[key].prefix, value, original.trim());
    }
  }

  const applications: ApplicationRow[] = d.applications.map((a) => {
    const stage = a.stage ? normalizeKey(a.stage) || null : null;
    const reason = a.rejectionReason ? normalizeKey(a.rejectionReason) || null : null;
    if (stage && a.stage) {
      values.stages.push(stage);
      label('stage', stage, a.stage.trim());
    }
    if (reason && a.rejectionReason) {
      values.rejectionReasons.push(reason);
      label('rr', reason, a.rejectionReason.trim());
    }
    if (a.jobId) {
      values.jobIds.push(a.jobId);
      label('job', a.jobId, a.jobTitle ?? a.jobId);
    }
    return {
      organization_id: d.organizationId,
      candidate_id: d.id,
      application_id: a.applicationId,
      job_id: a.jobId,
      stage,
      rejection_reason: reason,
    };
  });

  const filterKeys: string[] = [];
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
    filter_keys: filterKeys,
    tsv: buildTsvector(d),
  };
  for (const [key, column] of Object.entries(VALUE_COLUMNS) as [
    ValueFilterKey,
    (typeof VALUE_COLUMNS)[ValueFilterKey],
  ][]) {
    const unique = [...new Set(values[key])];
    if (column.stored) {
      if (column.array) row[column.column] = unique;
      else row[column.column] = unique[0] ?? null;
    }
    for (const value of unique) filterKeys.push(filterKey(column.prefix, value));
  }
  for (const [field, fieldValues] of Object.entries(d.customFields)) {
    for (const value of keysOf(fieldValues)) filterKeys.push(customFieldKey(field, value));
  }
  return { candidate: row, applications, labels: dedupeLabels(labels) };
}

function dedupeLabels(labels: LabelRow[]): LabelRow[] {
  const seen = new Map<string, LabelRow>();
  for (const l of labels) {
    const key = `${l.prefix}\u001f${l.value}`;
    if (!seen.has(key)) seen.set(key, l);
  }
  return [...seen.values()];
}
