import { CUSTOM_FIELD_NAMES, RENAMABLE_LABELS, UNLABELLED } from '../document-values';
import type { LabelRow } from './document-rows';
import { VALUE_COLUMNS, type ValueFilterKey } from './pg-columns';

/**
 * The postgres engine's display labels (search_labels): where each list keeps them, which are
 * renamed by later documents, and how a batch's labels are written.
 */

/** Where a list's labels are stored in search_labels; null when they are not stored. */
export function labelPrefix(key: ValueFilterKey | null): string | null {
  return key && !UNLABELLED.has(key) ? VALUE_COLUMNS[key].prefix : null;
}

export const RENAMABLE_PREFIXES = [
  ...[...RENAMABLE_LABELS].map((key) => VALUE_COLUMNS[key].prefix),
  CUSTOM_FIELD_NAMES,
];

/**
 * One label per value (a row may be upserted once per statement): a renamable value's last,
 * a spelling's first, as the table keeps them.
 */
export function labelsToWrite(labels: LabelRow[]): Map<string, LabelRow> {
  const byValue = new Map<string, LabelRow>();
  for (const label of labels) {
    const key = labelKey(label);
    if (!byValue.has(key) || RENAMABLE_PREFIXES.includes(label.prefix)) byValue.set(key, label);
  }
  return byValue;
}

/** A label's row in search_labels: (organization, prefix, value). */
export function labelKey(l: LabelRow): string {
  return `${l.organization_id}\u001f${l.prefix}\u001f${l.value}`;
}

// A spelling keeps its first label; a renamable one (job title, recruiter name) takes the latest.
export const INSERT_LABELS = `INSERT INTO search_labels AS l (organization_id, prefix, value, label)
SELECT organization_id, prefix, value, label FROM jsonb_to_recordset($1::jsonb) AS x(organization_id uuid, prefix text, value text, label text)
ORDER BY organization_id, prefix, value
ON CONFLICT (organization_id, prefix, value) DO UPDATE SET label = excluded.label
WHERE l.prefix = ANY($2::text[]) AND l.label IS DISTINCT FROM excluded.label`;
