import type { DestinationAudit } from './export-simulator-protocol';

/** One export item as the app recorded it. */
export interface ItemRow {
  candidateId: string;
  outcome: string | null;
  remoteId: string | null;
  /** Epoch ms; null while undecided. */
  finishedAt: number | null;
}

/**
 * Whether every candidate arrived exactly once, read from the destination's own store: nothing
 * lost (every item CREATED or UPDATED, and its record placed in the campaign or job), nothing
 * duplicated (no record the items do not account for, no person in two records, no second
 * application to the job).
 */
export interface Correctness {
  total: number;
  processed: number;
  outcomes: Record<string, number>;
  /** Items not CREATED or UPDATED, plus processed ≠ total. */
  lost: number;
  /** Items whose remote id the destination does not hold. */
  missingAtDestination: number;
  /** Items whose record is not in the campaign / has no application to the job. */
  unplaced: number;
  /** Distinct records the items point to. */
  distinctRecords: number;
  /** Items sharing a record with another item (two people merged into one). */
  sharedRecords: number;
  /** Records made by API calls during the benchmark. */
  createdRecords: number;
  /** Of which no item points to: a person created a second time, or a stray create. */
  orphanRecords: number;
  /** People (by the e-mails Rediscover holds) found in more than one record. */
  peopleInSeveralRecords: number;
  /** People the e-mail check could look up (those with an e-mail, real or generated). */
  peopleChecked: number;
  /** Records placed more than once (a second application to the same job). */
  placedTwice: number;
}

export function checkCorrectness(
  job: { total: number; processed: number },
  items: readonly ItemRow[],
  audit: DestinationAudit,
  /** Each exported candidate's e-mails as sent (Rediscover's, or the generated one). */
  emailsOf: ReadonlyMap<string, readonly string[]>,
): Correctness {
  const records = new Map(audit.records.map((r) => [r.remoteId, r]));
  const outcomes: Record<string, number> = {};
  for (const item of items) {
    const outcome = item.outcome ?? 'UNDECIDED';
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  const sent = items.filter((i) => i.outcome === 'CREATED' || i.outcome === 'UPDATED');
  const pointed = new Set(sent.map((i) => i.remoteId).filter((id): id is string => id !== null));
  const recordsByEmail = new Map<string, Set<string>>();
  for (const r of audit.records) {
    for (const email of r.emails) {
      const holders = recordsByEmail.get(email.toLowerCase()) ?? new Set<string>();
      holders.add(r.remoteId);
      recordsByEmail.set(email.toLowerCase(), holders);
    }
  }
  let peopleChecked = 0;
  let peopleInSeveralRecords = 0;
  for (const item of items) {
    const holders = new Set<string>();
    for (const email of emailsOf.get(item.candidateId) ?? [])
      for (const id of recordsByEmail.get(email.toLowerCase()) ?? []) holders.add(id);
    if (holders.size > 0) peopleChecked++;
    if (holders.size > 1) peopleInSeveralRecords++;
  }
  const created = audit.records.filter((r) => r.createdByApi);
  return {
    total: job.total,
    processed: job.processed,
    outcomes,
    lost: items.length - sent.length + Math.abs(job.total - job.processed),
    missingAtDestination: sent.filter((i) => i.remoteId === null || !records.has(i.remoteId))
      .length,
    unplaced: sent.filter((i) => (records.get(i.remoteId ?? '')?.placements ?? 0) === 0).length,
    distinctRecords: pointed.size,
    sharedRecords: sent.length - pointed.size,
    createdRecords: created.length,
    orphanRecords: created.filter((r) => !pointed.has(r.remoteId)).length,
    peopleInSeveralRecords,
    peopleChecked,
    placedTwice: [...pointed].filter((id) => (records.get(id)?.placements ?? 0) > 1).length,
  };
}

/** No loss and no duplicate. */
export function isCorrect(c: Correctness): boolean {
  return (
    c.lost === 0 &&
    c.missingAtDestination === 0 &&
    c.unplaced === 0 &&
    c.sharedRecords === 0 &&
    c.orphanRecords === 0 &&
    c.peopleInSeveralRecords === 0 &&
    c.placedTwice === 0
  );
}
