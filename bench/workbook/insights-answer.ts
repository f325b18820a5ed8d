import {
  INSIGHT_DIMENSIONS,
  YEARS_BUCKETS,
  type InsightBreakdown,
  type InsightDimension,
} from '../../src/search/search-types';
import { Rng } from '../../test/simulators/generator';

/**
 * Distinct values per dimension and values per candidate, shaped like the search and facets
 * benches' generated candidates (20,000 companies, 3,000 titles, 8–13 of 400 skills, …).
 */
const SHAPES: Record<
  InsightDimension,
  { values: number; perCandidate: [number, number]; missing: number }
> = {
  LOCATION: { values: 300, perCandidate: [1, 1], missing: 0.05 },
  CURRENT_COMPANY: { values: 20_000, perCandidate: [1, 1], missing: 0.08 },
  CURRENT_TITLE: { values: 3_000, perCandidate: [1, 1], missing: 0.08 },
  PAST_COMPANY: { values: 20_000, perCandidate: [1, 4], missing: 0.2 },
  PAST_TITLE: { values: 3_000, perCandidate: [1, 4], missing: 0.2 },
  SKILL: { values: 400, perCandidate: [8, 13], missing: 0.1 },
  YEARS_OF_EXPERIENCE: { values: YEARS_BUCKETS.length, perCandidate: [1, 1], missing: 0.15 },
  YEARS_IN_ROLE: { values: YEARS_BUCKETS.length, perCandidate: [1, 1], missing: 0.15 },
  SCHOOL: { values: 800, perCandidate: [1, 2], missing: 0.25 },
  DEGREE: { values: 30, perCandidate: [1, 2], missing: 0.3 },
  MAJOR: { values: 200, perCandidate: [1, 2], missing: 0.35 },
  INDUSTRY: { values: 150, perCandidate: [1, 1], missing: 0.2 },
  COMPANY_SIZE: { values: 8, perCandidate: [1, 1], missing: 0.2 },
  CERTIFICATION: { values: 500, perCandidate: [1, 3], missing: 0.7 },
  LANGUAGE: { values: 60, perCandidate: [1, 3], missing: 0.4 },
  STAGE: { values: 8, perCandidate: [1, 2], missing: 0.1 },
  STATUS: { values: 5, perCandidate: [1, 2], missing: 0.1 },
  JOB: { values: 200, perCandidate: [1, 2], missing: 0.1 },
  SOURCE: { values: 15, perCandidate: [1, 1], missing: 0.05 },
  RECRUITER: { values: 40, perCandidate: [1, 1], missing: 0.05 },
  REJECTION_REASON: { values: 12, perCandidate: [1, 1], missing: 0.7 },
};

/** A skewed pick in [0, values): popular values are common, the tail is long (Zipf, s = 1). */
function zipfTable(values: number): Float64Array {
  const cdf = new Float64Array(values);
  let sum = 0;
  for (let i = 0; i < values; i++) cdf[i] = sum += 1 / (i + 1);
  for (let i = 0; i < values; i++) cdf[i]! /= sum;
  return cdf;
}

function draw(cdf: Float64Array, rng: Rng): number {
  const roll = rng.next();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! < roll) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function label(dimension: InsightDimension, value: number): string {
  if (dimension === 'YEARS_OF_EXPERIENCE' || dimension === 'YEARS_IN_ROLE')
    return YEARS_BUCKETS[value] ?? '20+';
  // Lengths like real company and title names, with text XML must escape now and then.
  const word = dimension.toLowerCase().replace(/_/g, ' ');
  return value % 97 === 0 ? `${word} ${value} & Partners <EU>` : `${word} number ${value}`;
}

/**
 * The insights answer of `candidates` generated candidates over every dimension, `size`
 * buckets each, counted the way SEMANTICS.md says: a bucket counts candidates, otherCount the
 * candidates with a value outside the returned buckets, missingCount those with none. Each
 * candidate is drawn twice from the same seed (once to count, once to find "other"), so memory
 * stays at one counter per distinct value.
 */
export function generateInsightsAnswer(candidates: number, size: number): InsightBreakdown[] {
  return INSIGHT_DIMENSIONS.map((dimension) => {
    const shape = SHAPES[dimension];
    const cdf = zipfTable(shape.values);
    const counts = new Int32Array(shape.values);
    const seen = new Int32Array(shape.values).fill(-1);
    let missing = 0;
    const candidateValues = (rng: Rng, i: number, visit: (value: number) => void): boolean => {
      if (rng.chance(shape.missing)) return false;
      const n = rng.int(shape.perCandidate[0], shape.perCandidate[1]);
      for (let k = 0; k < n; k++) {
        const value = draw(cdf, rng);
        // A candidate counts once per value, however often it was drawn.
        if (seen[value] !== i) {
          seen[value] = i;
          visit(value);
        }
      }
      return true;
    };
    let rng = Rng.fromSeed('workbook-bench', dimension);
    for (let i = 0; i < candidates; i++) {
      if (!candidateValues(rng, i, (v) => counts[v]!++)) missing++;
    }
    const ranked = Array.from(counts.keys())
      .filter((v) => counts[v]! > 0)
      .sort((a, b) => counts[b]! - counts[a]! || a - b);
    const ordered = dimension === 'YEARS_OF_EXPERIENCE' || dimension === 'YEARS_IN_ROLE';
    const top = ordered ? ranked.slice(0, size).sort((a, b) => a - b) : ranked.slice(0, size);
    const inTop = new Uint8Array(shape.values);
    for (const v of top) inTop[v] = 1;
    seen.fill(-1);
    rng = Rng.fromSeed('workbook-bench', dimension);
    let other = 0;
    for (let i = 0; i < candidates; i++) {
      let outside = false;
      candidateValues(rng, i, (v) => {
        if (!inTop[v]) outside = true;
      });
      if (outside) other++;
    }
    return {
      dimension,
      buckets: top.map((v) => ({
        value: label(dimension, v).toLowerCase(),
        label: label(dimension, v),
        count: counts[v]!,
      })),
      otherCount: other,
      missingCount: missing,
    };
  });
}
