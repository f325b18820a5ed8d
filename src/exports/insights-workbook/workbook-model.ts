import type { InsightBreakdown, InsightDimension } from '../../search/search-types';

/** One bucket row of a dimension sheet. */
export interface WorkbookBucket {
  label: string;
  /** The value that works unchanged as a filter (API.md `InsightBucket.value`). */
  value: string;
  count: number;
}

/** A dimension's sheet: its table and the chart drawn from it. */
export interface DimensionSheet {
  dimension: InsightDimension;
  /** The sheet's tab name: unique in the workbook, at most 31 characters, no []:*?/\. */
  name: string;
  /** Human title, also the chart's title. */
  title: string;
  /** Horizontal bars for categories; ordered columns for year ranges. */
  chart: 'bar' | 'column';
  buckets: WorkbookBucket[];
  otherCount: number;
  missingCount: number;
}

/** One row of the summary's filter table: a filter and one of its values. */
export interface FilterLine {
  filter: string;
  value: string;
  /** A readable name for an id value (job title, recruiter name), else null. */
  label: string | null;
}

/** Everything the workbook shows, already computed: writing it is pure formatting. */
export interface WorkbookModel {
  organizationName: string;
  generatedAt: Date;
  query: string | null;
  filters: FilterLine[];
  /** Candidates the query and filters match: the denominator of every share. */
  totalCount: number;
  sheets: DimensionSheet[];
}

export const SUMMARY_SHEET_NAME = 'Summary';

const TITLES: Partial<Record<InsightDimension, string>> = {
  CURRENT_COMPANY: 'Current company',
  CURRENT_TITLE: 'Current title',
  SKILL: 'Skills',
  CERTIFICATION: 'Certifications',
  LANGUAGE: 'Languages',
  JOB: 'Job',
};

/** Year ranges have an order of their own: drawn as columns, left to right. */
const ORDERED: ReadonlySet<InsightDimension> = new Set(['YEARS_OF_EXPERIENCE', 'YEARS_IN_ROLE']);

/** "YEARS_IN_ROLE" → "Years in role"; dimensions added later get a title without a code change. */
export function dimensionTitle(dimension: InsightDimension): string {
  const known = TITLES[dimension];
  if (known) return known;
  const words = dimension.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The sheets of an insights answer, in the answer's order, buckets as the engine ranked them. */
export function dimensionSheets(breakdowns: InsightBreakdown[]): DimensionSheet[] {
  const taken = new Set([SUMMARY_SHEET_NAME.toLowerCase()]);
  return breakdowns.map((breakdown) => {
    const title = dimensionTitle(breakdown.dimension);
    return {
      dimension: breakdown.dimension,
      name: uniqueSheetName(title, taken),
      title,
      chart: ORDERED.has(breakdown.dimension) ? 'column' : 'bar',
      buckets: breakdown.buckets.map((b) => ({ label: b.label, value: b.value, count: b.count })),
      otherCount: breakdown.otherCount,
      missingCount: breakdown.missingCount,
    };
  });
}

/** Excel refuses duplicate (case-insensitive) and over-long tab names, and a few characters. */
function uniqueSheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** count ÷ candidates matched; 0 when nothing matched. */
export function shareOf(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}
