import type { z } from 'zod';
import type { SkippedRecord } from '../records';

/**
 * List rows through a zod schema: the good ones are kept with their payload as received, each
 * malformed one becomes a {@link SkippedRecord} naming its id (when it has one) and what is wrong.
 */
export interface ParsedRow<T> {
  data: T;
  raw: Record<string, unknown>;
}

export interface ParsedRows<T> {
  rows: ParsedRow<T>[];
  skipped: SkippedRecord[];
}

export function parseRows<T>(
  stream: string,
  rows: readonly unknown[],
  schema: z.ZodType<T>,
): ParsedRows<T> {
  const out: ParsedRows<T> = { rows: [], skipped: [] };
  for (const row of rows) {
    const parsed = parseRow(stream, row, schema);
    if ('skipped' in parsed) out.skipped.push(parsed.skipped);
    else out.rows.push(parsed);
  }
  return out;
}

export function parseRow<T>(
  stream: string,
  row: unknown,
  schema: z.ZodType<T>,
): ParsedRow<T> | { skipped: SkippedRecord } {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return { skipped: { stream, remoteId: null, reason: 'not a JSON object' } };
  }
  const raw = row as Record<string, unknown>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, raw };
  return { skipped: { stream, remoteId: idOf(raw), reason: describeIssues(parsed.error) } };
}

function idOf(raw: Record<string, unknown>): string | null {
  const id = raw['id'];
  // Vendors use string (Ashby, SmartRecruiters) or numeric (Greenhouse) ids.
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
}

/** "firstName: expected string, received array; id: required", short enough for a run report. */
function describeIssues(error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 4)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > 4 ? ` (+${error.issues.length - 4} more)` : '';
  return `malformed: ${issues.join('; ')}${more}`;
}
