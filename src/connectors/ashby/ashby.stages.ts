import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError, Page, PageRequest } from '../connector';
import type { SyncRecord } from '../records';
import { mapStage } from './ashby.mapper';
import { readAll, type StreamContext } from './ashby.pages';
import { ashbyInterviewPlanSchema, ashbyStageSchema } from './ashby.schemas';

/**
 * The `stages` stream. Ashby lists stages per interview plan (`interviewStage.list` requires an
 * `interviewPlanId`), so a page is a batch of plans and the cursor names the next plan to read:
 * `{ p: planId, i: index }`, base64url JSON validated on the way back in. Resuming looks the plan
 * up by id (robust to plans added or removed meanwhile) and falls back to the index. Stages have
 * no sync token: every run reads them all (they are few).
 */

const PLANS_PER_PAGE = 10;

const cursorSchema = z.object({ p: z.string().min(1).max(200), i: z.number().int().min(0) });
type StageCursor = z.infer<typeof cursorSchema>;

export function encodeStageCursor(cursor: StageCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeStageCursor(cursor: string): StageCursor | null {
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function readStagesPage(
  ctx: StreamContext,
  request: PageRequest,
): Promise<Result<Page, ConnectorError>> {
  let cursor: StageCursor | null = null;
  if (request.cursor !== null) {
    cursor = decodeStageCursor(request.cursor);
    // Not a cursor this connector wrote: start the stream over rather than guess.
    if (!cursor)
      return err({ kind: 'resync_required', message: 'Ashby stages: unreadable cursor' });
  }

  // Archived plans too: old applications still sit in their stages.
  const plans = await readAll(
    ctx.client,
    'interviewPlan.list',
    { includeArchived: true },
    ashbyInterviewPlanSchema,
  );
  if (!plans.ok) return plans;
  const planIds = plans.value.items.map(({ value }) => value.id);
  let start = 0;
  if (cursor) {
    const at = planIds.indexOf(cursor.p);
    start = at >= 0 ? at : Math.min(cursor.i, planIds.length);
  }

  const batch = planIds.slice(start, start + PLANS_PER_PAGE);
  const lists = await Promise.all(
    batch.map((interviewPlanId) =>
      readAll(ctx.client, 'interviewStage.list', { interviewPlanId }, ashbyStageSchema),
    ),
  );
  const records: SyncRecord[] = [];
  const skipped = start === 0 ? plans.value.skipped.map((s) => ({ ...s, stream: 'stages' })) : [];
  for (const list of lists) {
    if (!list.ok) return list;
    list.value.items.forEach(({ value, raw }, index) =>
      records.push({ kind: 'stage', record: mapStage(value, raw, index) }),
    );
    skipped.push(...list.value.skipped.map((s) => ({ ...s, stream: 'stages' })));
  }

  const next = start + batch.length;
  const nextPlan = planIds[next];
  const page: Page = {
    records,
    skipped,
    nextCursor: nextPlan !== undefined ? encodeStageCursor({ p: nextPlan, i: next }) : null,
  };
  if (page.nextCursor === null) page.completeState = {};
  return ok(page);
}
