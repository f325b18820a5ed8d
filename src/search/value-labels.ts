import { normalizeKey } from '../common/text';
import type { ApplicationStatusValue, FacetValue } from './search-types';

/**
 * Names for facet and insight values the engines know only by id, read from the normalized
 * model when a search is answered (so a renamed connection or job shows its new name at once).
 * Only the organization's own rows are named; an id it does not own keeps its engine label.
 */
export interface ModelLabels {
  /** Connection id → the connection's name. */
  connectionNames(organizationId: string, ids: readonly string[]): Promise<Map<string, string>>;
  /** Job id → its title, told apart from the organization's other jobs of the same title. */
  jobLabels(organizationId: string, ids: readonly string[]): Promise<Map<string, string>>;
}

/** What tells a job apart from others of the same title. */
export interface JobIdentity {
  id: string;
  title: string;
  location: string | null;
  /** The ATS's requisition number when it has one, else its job id. */
  reference: string;
}

/**
 * Labels for `shown` jobs, given every job of the organization with one of their titles
 * (folded as normalizeKey): the title alone when no other job has it; else the title with its
 * location when that tells it apart ("Data Engineer (Berlin)"); else with its location and its
 * reference ("Data Engineer (Berlin, REQ-12)"). Pure.
 */
export function distinctJobLabels(
  shown: readonly string[],
  jobs: readonly JobIdentity[],
): Map<string, string> {
  const byTitle = new Map<string, JobIdentity[]>();
  for (const job of jobs) {
    const key = normalizeKey(job.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), job]);
  }
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const labels = new Map<string, string>();
  for (const id of shown) {
    const job = byId.get(id);
    if (!job) continue;
    const title = job.title.trim();
    const namesakes = (byTitle.get(normalizeKey(job.title)) ?? []).filter((j) => j.id !== id);
    if (namesakes.length === 0) {
      labels.set(id, title);
      continue;
    }
    const place = job.location?.trim() || null;
    const placeKey = normalizeKey(place ?? '');
    const placeTellsApart =
      place !== null && namesakes.every((j) => normalizeKey(j.location ?? '') !== placeKey);
    const detail = placeTellsApart ? [place] : [place, job.reference].filter(Boolean);
    labels.set(id, `${title} (${detail.join(', ')})`);
  }
  return labels;
}

/** Display names of the normalized application statuses (the STATUS facet and dimension). */
export const STATUS_LABELS: Readonly<Record<ApplicationStatusValue, string>> = {
  ACTIVE: 'Active',
  HIRED: 'Hired',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
  ARCHIVED: 'Archived',
};

/** Values with the given labels where one is known. */
export function relabel(values: readonly FacetValue[], labels: ReadonlyMap<string, string>) {
  return values.map((v) => ({ ...v, label: labels.get(v.value) ?? v.label }));
}
