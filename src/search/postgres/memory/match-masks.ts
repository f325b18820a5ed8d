import { filterValues } from '../../document-values';
import { APPLICATION_FILTERS, type ApplicationFilterKey, type FilterPart } from '../../facet-keys';
import type { SearchFilter } from '../../search-types';
import { filterConditions, sameApplication, type Condition } from './conditions';
import { GrowableInt32 } from './growable';
import type { OrgIndex } from './org-index';
import type { SlotScratch } from './slot-scratch';

/** Set on slots of dead document versions (and outside the text matches); never excluded. */
export const DEAD = 1 << 30;
const MAX_CONDITIONS = 30;

/**
 * Every condition of a request evaluated once per slot into a bit mask of failed conditions.
 * A facet (multi-select) then counts a slot when it fails none of the conditions the facet
 * keeps: one pass over the conditions serves the total and every facet. With selective value
 * filters only the slots in their posting lists are evaluated (fewSlots); the rest are DEAD.
 */
export class MatchMasks {
  private constructor(
    readonly fail: Int32Array,
    /** True when only some live slots take part (the text matches). */
    private readonly restricted: boolean,
    private readonly owners: FilterPart[],
    private readonly sameApplicationBits: Map<string, number>,
    private readonly activeApplicationKeys: ApplicationFilterKey[],
    /** Gives the index's scratch arrays back in the state they were lent in. */
    readonly release: () => void,
    private readonly scratch: SlotScratch,
  ) {}

  /**
   * `excludeSets`: the exclusion set of each facet that will be asked for, so the
   * same-application conditions they need (which depend on what is excluded) are evaluated
   * up front. `within`: when given (the slots matching the query text), slots outside it never
   * count. Null when there are too many conditions for one 32-bit mask.
   */
  static build(
    index: OrgIndex,
    filter: SearchFilter,
    now: Date,
    excludeSets: readonly ReadonlySet<FilterPart>[],
    within: Uint8Array | null = null,
    options: MaskOptions = {},
  ): MatchMasks | null {
    const conditions = filterConditions(index, filter, now);
    const active = APPLICATION_FILTERS.filter((key) => filterValues(filter, key));
    const sameApplicationSets = new Map<string, ApplicationFilterKey[]>();
    for (const exclude of [new Set<FilterPart>(), ...excludeSets]) {
      const keys = active.filter((k) => !exclude.has(k));
      if (keys.length >= 2) sameApplicationSets.set(keys.join(), keys);
    }
    if (conditions.length + sameApplicationSets.size > MAX_CONDITIONS) return null;

    const sameApplicationBits = new Map<string, number>();
    for (const key of sameApplicationSets.keys()) {
      sameApplicationBits.set(key, 1 << (conditions.length + sameApplicationBits.size));
    }
    const all: Test[] = [
      ...conditions.map((c, i) => ({
        test: c.test,
        mark: c.mark,
        ...(c.postings ? { postings: c.postings } : {}),
        bit: 1 << i,
      })),
      ...[...sameApplicationSets].map(([key, keys]) => ({
        test: sameApplication(index, filter, keys),
        bit: sameApplicationBits.get(key) ?? 0,
      })),
    ];
    const exclusions = [new Set<FilterPart>(), ...excludeSets];
    const few = fewSlots(index, conditions, exclusions, options.fewShare ?? FEW_SHARE);
    const fail = few ? failAmong(index, few, all, within) : failEverywhere(index, all, within);
    const masks = new MatchMasks(
      fail,
      within !== null,
      conditions.map((c) => c.owner),
      sameApplicationBits,
      active,
      () => {
        // failAmong wrote only the few slots into the all-DEAD scratch.
        if (few) for (let k = 0; k < few.length; k++) fail[few[k] ?? 0] = DEAD;
      },
      index.scratch,
    );
    masks.candidates = masks.survivors(index, exclusions, few);
    return masks;
  }

  /**
   * The slots that count for the total or at least one facet: with selective filters a small
   * list, so each facet walks it instead of every slot.
   */
  candidates: Int32Array = new Int32Array(0);

  /** `among`: the only slots that can survive, when known (every other slot is DEAD). */
  private survivors(
    index: OrgIndex,
    excludeSets: readonly ReadonlySet<FilterPart>[],
    among: Int32Array | null,
  ): Int32Array {
    const relevants = Int32Array.from(new Set(excludeSets.map((e) => this.relevant(e))));
    const fail = this.fail;
    let n = 0;
    const total = among ? among.length : fail.length;
    const out = among ? new Int32Array(total) : index.scratch.second(total);
    for (let k = 0; k < total; k++) {
      const s = among ? (among[k] ?? 0) : k;
      const f = fail[s] ?? 0;
      if (f === DEAD) continue;
      for (let r = 0; r < relevants.length; r++) {
        if ((f & (relevants[r] ?? 0)) === 0) {
          out[n++] = s;
          break;
        }
      }
    }
    return out.subarray(0, n);
  }

  /** The bits a slot must not have to count, with `exclude` filters ignored. */
  relevant(exclude: ReadonlySet<FilterPart>): number {
    let bits = DEAD;
    for (const [i, owner] of this.owners.entries()) if (!exclude.has(owner)) bits |= 1 << i;
    const keys = this.activeApplicationKeys.filter((k) => !exclude.has(k));
    if (keys.length >= 2) bits |= this.sameApplicationBits.get(keys.join()) ?? 0;
    return bits;
  }

  /** Whether `relevant` lets every live slot count (no condition, no text): live counts apply. */
  unfiltered(relevant: number): boolean {
    return relevant === DEAD && !this.restricted;
  }

  count(relevant: number): number {
    let n = 0;
    const slots = this.candidates;
    for (let k = 0; k < slots.length; k++)
      if (((this.fail[slots[k] ?? 0] ?? 0) & relevant) === 0) n++;
    return n;
  }
}

type Test = Pick<Condition, 'test' | 'mark' | 'postings'> & { bit: number };

/**
 * Every condition evaluated on every live slot (not only on slots that passed so far): a facet
 * that excludes one condition needs to know whether the others failed.
 */
function failEverywhere(
  index: OrgIndex,
  all: readonly Test[],
  within: Uint8Array | null,
): Int32Array {
  const slots = index.slots;
  const fail = index.scratch.first(slots).fill(0);
  const alive = index.alive.view();
  for (let s = 0; s < slots; s++) {
    if (alive[s] !== 1 || (within && within[s] !== 1)) fail[s] = DEAD;
  }
  for (const { test, mark, bit } of all) {
    if (mark) {
      mark(fail, bit, DEAD);
      continue;
    }
    for (let s = 0; s < slots; s++) {
      if (fail[s] !== DEAD && !test(s)) fail[s] = (fail[s] ?? 0) | bit;
    }
  }
  return fail;
}

/**
 * The conditions evaluated on `few` slots only; every other slot is DEAD (it counts nowhere).
 * Value conditions are read from their posting lists (walked in order) rather than tested slot
 * by slot: the few slots lie scattered over large arrays, where each test is a cache miss.
 */
function failAmong(
  index: OrgIndex,
  few: Int32Array,
  all: readonly Test[],
  within: Uint8Array | null,
): Int32Array {
  const pass = index.scratch.cleared(index.slots);
  let posted = 0;
  for (const { postings, bit } of all) {
    if (!postings) continue;
    posted |= bit;
    for (const list of postings.lists()) {
      for (let k = 0; k < list.length; k++) {
        const s = list[k] ?? 0;
        pass[s] = (pass[s] ?? 0) | bit;
      }
    }
  }
  const tested = all.filter((t) => !t.postings);
  const fail = index.scratch.dead(index.slots);
  const alive = index.alive.view();
  for (let k = 0; k < few.length; k++) {
    const s = few[k] ?? 0;
    if (alive[s] !== 1 || (within && within[s] !== 1)) continue;
    let f = posted & ~(pass[s] ?? 0);
    for (const { test, bit } of tested) if (!test(s)) f |= bit;
    fail[s] = f;
  }
  // The posting lists name every slot set in pass.
  for (const { postings } of all) {
    for (const list of postings?.lists() ?? [])
      for (let k = 0; k < list.length; k++) pass[list[k] ?? 0] = 0;
  }
  return fail;
}

/** Below this share of the live slots, visiting posting lists beats testing every slot. */
const FEW_SHARE = 0.25;

export interface MaskOptions {
  /** Posting lists are used when they name at most this share of the live slots (0: never). */
  fewShare?: number;
}

/**
 * The only slots that can count for the total or any facet, when selective value filters name
 * them: for each exclusion set (the total's, each facet's) a slot must pass every condition the
 * set keeps, so it lies in the posting lists of the most selective kept value condition. The
 * union of those lists over the sets is the answer, sorted. Null when some set keeps no value
 * condition (it needs every slot, as browsing does) or the lists are not few.
 */
function fewSlots(
  index: OrgIndex,
  conditions: readonly Condition[],
  exclusions: readonly ReadonlySet<FilterPart>[],
  fewShare: number,
): Int32Array | null {
  const chosen = new Set<Condition>();
  for (const excluded of exclusions) {
    let best: Condition | null = null;
    for (const c of conditions) {
      if (!c.postings || excluded.has(c.owner)) continue;
      if (!best || c.postings.estimate < (best.postings?.estimate ?? Infinity)) best = c;
    }
    if (!best) return null;
    chosen.add(best);
  }
  let estimate = 0;
  for (const c of chosen) estimate += c.postings?.estimate ?? 0;
  if (estimate > index.live * fewShare) return null;
  const seen = index.scratch.zeros(index.slots);
  const out = new GrowableInt32(Math.max(16, estimate));
  for (const c of chosen) {
    for (const list of c.postings?.lists() ?? []) {
      for (let k = 0; k < list.length; k++) {
        const s = list[k] ?? 0;
        if (seen[s] === 1) continue;
        seen[s] = 1;
        out.push(s);
      }
    }
  }
  const few = out.view();
  for (let k = 0; k < few.length; k++) seen[few[k] ?? 0] = 0;
  return few.sort();
}
