import { compareCodePoints } from './dictionary';

/**
 * Value ids in SQL's `ORDER BY n DESC, value ASC` rank order, keeping the first `size` and any
 * `selected` value ranked beyond them (`rank <= size OR value = ANY(selected)`). Only ids
 * with a count exist, as with GROUP BY. Avoids sorting every distinct value: only those at or
 * above the size-th largest count (and the selected ones) are sorted.
 */
export function rankedIds(
  counts: Int32Array,
  values: readonly string[],
  size: number,
  selected: ReadonlySet<string> = new Set(),
): number[] {
  const present: number[] = [];
  for (let id = 0; id < counts.length; id++) if ((counts[id] ?? 0) > 0) present.push(id);
  let candidates = present;
  if (size > 0 && present.length > size) {
    const sorted = Int32Array.from(present, (id) => counts[id] ?? 0).sort();
    const threshold = sorted[sorted.length - size] ?? 0;
    candidates = present.filter(
      (id) => (counts[id] ?? 0) >= threshold || selected.has(values[id] ?? ''),
    );
  } else if (size <= 0) {
    candidates = present.filter((id) => selected.has(values[id] ?? ''));
  }
  candidates.sort(
    (a, b) =>
      (counts[b] ?? 0) - (counts[a] ?? 0) || compareCodePoints(values[a] ?? '', values[b] ?? ''),
  );
  return candidates.filter((id, rank) => rank < size || selected.has(values[id] ?? ''));
}
