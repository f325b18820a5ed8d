import { VALUE_FILTER_KEYS, type ValueFilterKey } from '../../document-values';
import { VALUE_COLUMNS } from '../pg-columns';
import { Dictionary } from './dictionary';
import { DocSlots } from './doc-slots';
import { DEAD } from './match-masks';
import { SlotScratch } from './slot-scratch';
import { GrowableFloat32, GrowableFloat64, GrowableInt32, GrowableUint8 } from './growable';
import { ValueColumn } from './value-column';

/** One search_candidates row as the memory index needs it (see candidate-rows.ts). */
export interface MemoryRow {
  id: string;
  /** search_candidates.doc_no: the number text matches arrive as. */
  docNo: number;
  seq: number;
  kind: string;
  /** last_updated as epoch milliseconds (fractional for microseconds). */
  updated: number;
  yearsExperience: number | null;
  yearsInRole: number | null;
  values: Record<ValueFilterKey, readonly (string | null)[] | string | null>;
  /** `cf…` entries of filter_keys (custom-field filters). */
  customFields: readonly string[];
  /** Applications, for the same-application rule. */
  applications: {
    jobId: string | null;
    stage: string | null;
    status: string | null;
    rejectionReason: string | null;
  }[];
}

/**
 * The columnar facet index of one organization. Each document version gets an appended slot;
 * an update kills the old slot and appends a new one (CSR columns can only grow at the end).
 * When dead slots pile up (needsCompaction) the owner drops the index and reloads it.
 */
export class OrgIndex {
  readonly slotOf = new Map<string, number>();
  readonly slotIds: string[] = [];
  readonly slotOfDoc = new DocSlots();
  /** Work arrays for the request being answered (see SlotScratch). */
  readonly scratch = new SlotScratch(DEAD);
  readonly docNo = new GrowableInt32(1024);
  readonly alive = new GrowableUint8(1024);
  readonly seq = new GrowableFloat64(1024);
  readonly kind = new GrowableUint8(1024);
  readonly kinds = new Dictionary();
  readonly updated = new GrowableFloat64(1024);
  readonly yearsExperience = new GrowableFloat32(1024);
  readonly yearsInRole = new GrowableFloat32(1024);
  readonly columns: Record<ValueFilterKey, ValueColumn>;
  readonly customFields: ValueColumn;
  /** Applications in CSR: appOffsets per slot into the four id lists (-1 = null). */
  readonly appOffsets = new GrowableInt32(1024);
  readonly appJob = new GrowableInt32(1024);
  readonly appStage = new GrowableInt32(1024);
  readonly appStatus = new GrowableInt32(1024);
  readonly appReason = new GrowableInt32(1024);
  dead = 0;

  constructor() {
    this.columns = Object.fromEntries(
      VALUE_FILTER_KEYS.map((key) => [key, new ValueColumn(VALUE_COLUMNS[key].array)]),
    ) as Record<ValueFilterKey, ValueColumn>;
    this.customFields = new ValueColumn(true);
    this.appOffsets.push(0);
  }

  get slots(): number {
    return this.slotIds.length;
  }

  get live(): number {
    return this.slotOf.size;
  }

  /** Inserts or replaces a document. */
  upsert(row: MemoryRow): void {
    const old = this.slotOf.get(row.id);
    if (old !== undefined) {
      if (this.seq.view()[old] === row.seq) return; // already applied (re-read window)
      this.kill(old);
    }
    const slot = this.slotIds.length;
    this.slotIds.push(row.id);
    this.slotOf.set(row.id, slot);
    this.slotOfDoc.set(row.docNo, slot);
    this.docNo.push(row.docNo);
    this.alive.push(1);
    this.seq.push(row.seq);
    this.kind.push(this.kinds.intern(row.kind));
    this.updated.push(row.updated);
    this.yearsExperience.push(row.yearsExperience ?? NaN);
    this.yearsInRole.push(row.yearsInRole ?? NaN);
    for (const key of VALUE_FILTER_KEYS) this.columns[key].append(row.values[key]);
    this.customFields.append(row.customFields);
    const { jobIds, stages, statuses, rejectionReasons } = this.columns;
    for (const a of row.applications) {
      this.appJob.push(a.jobId === null ? -1 : jobIds.dictionary.intern(a.jobId));
      this.appStage.push(a.stage === null ? -1 : stages.dictionary.intern(a.stage));
      this.appStatus.push(a.status === null ? -1 : statuses.dictionary.intern(a.status));
      this.appReason.push(
        a.rejectionReason === null ? -1 : rejectionReasons.dictionary.intern(a.rejectionReason),
      );
    }
    this.appOffsets.push(this.appJob.length);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.kill(slot);
    this.slotOf.delete(id);
    this.slotOfDoc.delete(this.docNo.view()[slot] ?? -1);
  }

  private kill(slot: number): void {
    this.alive.set(slot, 0);
    for (const key of VALUE_FILTER_KEYS) this.columns[key].kill(slot);
    this.customFields.kill(slot);
    this.dead++;
  }

  /** Worth compacting once more than a third of the slots are dead. */
  get needsCompaction(): boolean {
    return this.dead > 1024 && this.dead * 3 > this.slots;
  }

  /** Heap held by the typed arrays, dictionaries and the id map (an estimate for the id map). */
  get bytes(): number {
    let bytes =
      this.alive.bytes +
      this.slotOfDoc.bytes +
      this.scratch.bytes +
      this.docNo.bytes +
      this.seq.bytes +
      this.kind.bytes +
      this.updated.bytes +
      this.yearsExperience.bytes +
      this.yearsInRole.bytes +
      this.customFields.bytes +
      this.customFields.dictionary.bytes +
      this.appOffsets.bytes +
      this.appJob.bytes +
      this.appStage.bytes +
      this.appStatus.bytes +
      this.appReason.bytes;
    for (const key of VALUE_FILTER_KEYS) {
      bytes += this.columns[key].bytes + this.columns[key].dictionary.bytes;
    }
    // A 36-character id string (~56 bytes), its slot in slotIds, and a Map entry (~40 bytes).
    bytes += this.slotIds.length * 8 + this.slotOf.size * 100;
    return bytes;
  }
}
