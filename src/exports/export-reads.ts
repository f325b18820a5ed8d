import { LessThan, MoreThan, type FindOptionsWhere } from 'typeorm';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { BadInputError } from '../common/errors';
import type { OrgScope } from '../database/org-scope';
import { ExportItem, ExportJob } from '../entities';
import type { ExportOutcome } from '../entities/export-item.entity';

/** Reads of export jobs and items for the API: pages with opaque cursors, always org-scoped. */

export interface Page<T> {
  rows: { cursor: string; row: T }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const MAX_PAGE = 100;

function pageSize(first: number | null | undefined, field = 'first'): number {
  const size = first ?? 25;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE)
    throw new BadInputError(`${field} must be between 1 and ${MAX_PAGE}`, { field });
  return size;
}

function page<T>(rows: T[], size: number, cursorOf: (row: T) => string): Page<T> {
  const shown = rows.slice(0, size).map((row) => ({ cursor: cursorOf(row), row }));
  return {
    rows: shown,
    hasNextPage: rows.length > size,
    endCursor: shown.at(-1)?.cursor ?? null,
  };
}

/** An item's cursor is its position in the job; any other cursor is refused by field. */
function positionAfter(after: string | null | undefined): number | null {
  if (!after) return null;
  const { sortValue } = decodeCursor(after);
  if (typeof sortValue !== 'number' || !Number.isInteger(sortValue))
    throw new BadInputError('after is not a cursor of these items', { field: 'after' });
  return sortValue;
}

export async function exportItemsPage(
  scope: OrgScope,
  jobId: string,
  options: { first?: number | null; after?: string | null; outcome?: ExportOutcome | null },
): Promise<Page<ExportItem> & { totalCount: number }> {
  const size = pageSize(options.first);
  const after = positionAfter(options.after);
  const where: FindOptionsWhere<ExportItem> = {
    exportJobId: jobId,
    ...(options.outcome ? { outcome: options.outcome } : {}),
  };
  const [rows, totalCount] = await Promise.all([
    scope.find(ExportItem, {
      where: { ...where, ...(after !== null ? { position: MoreThan(after) } : {}) },
      order: { position: 'ASC' },
      take: size + 1,
    }),
    scope.count(ExportItem, where),
  ]);
  return {
    ...page(rows, size, (r) => encodeCursor({ sortValue: r.position, id: r.id })),
    totalCount,
  };
}

/** Newest first; the cursor is the creation time. */
export async function exportJobsPage(
  scope: OrgScope,
  options: { first?: number | null; after?: string | null },
): Promise<Page<ExportJob>> {
  const size = pageSize(options.first);
  let before: Date | null = null;
  if (options.after) {
    const { sortValue } = decodeCursor(options.after);
    const time = typeof sortValue === 'string' ? new Date(sortValue) : null;
    if (!time || Number.isNaN(time.getTime()))
      throw new BadInputError('after is not a cursor of export jobs', { field: 'after' });
    before = time;
  }
  const rows = await scope.find(ExportJob, {
    where: before ? { createdAt: LessThan(before) } : {},
    order: { createdAt: 'DESC', id: 'DESC' },
    take: size + 1,
  });
  return page(rows, size, (r) => encodeCursor({ sortValue: r.createdAt.toISOString(), id: r.id }));
}

export interface CandidateExportMark {
  destinationId: string;
  remoteId: string | null;
  exportedAt: Date;
}

/** Per candidate: the latest successful export to each destination. */
export async function candidateExportMarks(
  scope: OrgScope,
  candidateIds: readonly string[],
): Promise<Map<string, CandidateExportMark[]>> {
  const rows = await scope.withManager((manager, organizationId) =>
    manager.query<
      { candidate_id: string; destination_id: string; remote_id: string | null; at: Date }[]
    >(
      `SELECT DISTINCT ON (candidate_id, destination_id)
              candidate_id, destination_id, remote_id, finished_at AS at
       FROM export_items
       WHERE organization_id = $1 AND candidate_id = ANY($2::uuid[]) AND state = 'SUCCEEDED'
       ORDER BY candidate_id, destination_id, finished_at DESC`,
      [organizationId, candidateIds],
    ),
  );
  const marks = new Map<string, CandidateExportMark[]>();
  for (const row of rows) {
    const list = marks.get(row.candidate_id) ?? [];
    list.push({ destinationId: row.destination_id, remoteId: row.remote_id, exportedAt: row.at });
    marks.set(row.candidate_id, list);
  }
  return marks;
}
