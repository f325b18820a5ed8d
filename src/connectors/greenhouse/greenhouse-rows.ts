import type { z } from 'zod';
import type { SkippedRecord } from '../records';

/**
 * One list page's rows through a zod schema: the good ones are kept with their payload as
 * received, each malformed one becomes a {@link SkippedRecord} naming its id and what is wrong.
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
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      out.skipped.push({ stream, remoteId: null, reason: 'not a JSON object' });
      continue;
    }
    const raw = row as Record<string, unknown>;
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.rows.push({ data: parsed.data, raw });
    else out.skipped.push({ stream, remoteId: idOf(raw), reason: describeIssues(parsed.error) });
  }
  return out;
}

function idOf(raw: Record<string, unknown>): string | null {
  const id = raw['id'];
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null;
}

/** "first_name: expected string, received number; id: required" — short enough for a run report. */
function describeIssues(error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 4)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > 4 ? ` (+${error.issues.length - 4} more)` : '';
  return `malformed: ${issues.join('; ')}${more}`;
}
