import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../src/search/query/ast';
import type {
  InsightBreakdown,
  InsightDimension,
  SearchFilter,
  YearsBucket,
} from '../../../src/search/search-types';
import type { ContractContext } from './harness';
import { expectBreakdown, PYTHON_LABELS, same, v } from './harness';
import { term } from './query-ast';

/**
 * Insights over organization A (SEMANTICS.md "Insights"): query and every filter apply; top
 * `size` buckets by count then value; otherCount and missingCount; year buckets in fixed
 * order. Counted by hand from search-dataset-org-a.ts.
 */

/** SEMANTICS.md: the filter list each dimension's bucket values go back into. */
const FILTER_OF: Record<InsightDimension, keyof SearchFilter> = {
  LOCATION: 'locations',
  CURRENT_COMPANY: 'companies',
  CURRENT_TITLE: 'titles',
  PAST_COMPANY: 'pastCompanies',
  PAST_TITLE: 'pastTitles',
  SKILL: 'skills',
  YEARS_OF_EXPERIENCE: 'yearsOfExperienceBuckets',
  YEARS_IN_ROLE: 'yearsInRoleBuckets',
  SCHOOL: 'schools',
  DEGREE: 'degrees',
  MAJOR: 'majors',
  INDUSTRY: 'industries',
  COMPANY_SIZE: 'companySizes',
  CERTIFICATION: 'certifications',
  LANGUAGE: 'languages',
  STAGE: 'stages',
  STATUS: 'statuses',
  JOB: 'jobIds',
  SOURCE: 'sources',
  RECRUITER: 'recruiterIds',
  REJECTION_REASON: 'rejectionReasons',
};

/** The base filter plus one bucket's value in the dimension's own filter list. */
function withBucket(base: SearchFilter, dimension: InsightDimension, value: string): SearchFilter {
  const key = FILTER_OF[dimension];
  if (key === 'yearsOfExperienceBuckets' || key === 'yearsInRoleBuckets') {
    return { ...base, [key]: [value as YearsBucket] };
  }
  return { ...base, [key]: [value] };
}

/** Feeding every returned bucket back as a filter finds exactly the bucket's candidates. */
async function expectBucketsWorkAsFilters(
  ctx: ContractContext,
  breakdowns: InsightBreakdown[],
  query: QueryNode | null,
  base: SearchFilter,
): Promise<void> {
  for (const breakdown of breakdowns) {
    for (const bucket of breakdown.buckets) {
      const result = await ctx.search({
        query,
        filter: withBucket(base, breakdown.dimension, bucket.value),
        first: 1,
      });
      expect(result.totalCount, `${breakdown.dimension} = ${bucket.value}`).toBe(bucket.count);
    }
  }
}

export function insightCases(ctx: ContractContext): void {
  describe('insights', () => {
    it('profile dimensions within connection A2, size 2', async () => {
      const filter: SearchFilter = { connectionIds: [ctx.data.connection('A2')] };
      const breakdowns = await ctx.insights({
        filter,
        dimensions: ['SKILL', 'CURRENT_COMPANY', 'LOCATION', 'DEGREE'],
        size: 2,
      });
      expect(breakdowns.map((b) => b.dimension).sort()).toEqual([
        'CURRENT_COMPANY',
        'DEGREE',
        'LOCATION',
        'SKILL',
      ]);
      // python: priya2, alex, raj, laura, kwame; airflow, kubernetes, leadership, scala and
      // spark tie at 2. Other: sam, omar, julia, pedro, hannah. Missing: lena.
      expectBreakdown(breakdowns, 'SKILL', {
        buckets: [v('python', PYTHON_LABELS, 5), v('airflow', 'Airflow', 2)],
        otherCount: 5,
        missingCount: 1,
      });
      // Bosch: laura and pedro; ten others with one candidate each.
      expectBreakdown(breakdowns, 'CURRENT_COMPANY', {
        buckets: [v('bosch', 'Bosch', 2), v('allegro', 'Allegro', 1)],
        otherCount: 9,
        missingCount: 0,
      });
      // Eleven locations with one candidate each; lena has none.
      expectBreakdown(breakdowns, 'LOCATION', {
        buckets: [
          v('accra, ghana', 'Accra, Ghana', 1),
          v('bengaluru, india', 'Bengaluru, India', 1),
        ],
        otherCount: 9,
        missingCount: 1,
      });
      // BSc: sam, laura; MSc: nina, julia; other: alex (BA), raj (MS).
      expectBreakdown(breakdowns, 'DEGREE', {
        buckets: [v('bsc', 'BSc', 2), v('msc', 'MSc', 2)],
        otherCount: 2,
        missingCount: 6,
      });
      await expectBucketsWorkAsFilters(ctx, breakdowns, null, filter);
    });

    it('every profile dimension over the whole organization, size 3', async () => {
      const breakdowns = await ctx.insights({
        dimensions: [
          'YEARS_OF_EXPERIENCE',
          'YEARS_IN_ROLE',
          'INDUSTRY',
          'COMPANY_SIZE',
          'CERTIFICATION',
          'LANGUAGE',
          'PAST_COMPANY',
          'PAST_TITLE',
          'CURRENT_TITLE',
          'SCHOOL',
          'MAJOR',
        ],
        size: 3,
      });
      // Year buckets are not cut by size; yuki and elena have no years.
      expectBreakdown(breakdowns, 'YEARS_OF_EXPERIENCE', {
        buckets: [
          same('0-2', 3),
          same('2-5', 6),
          same('5-10', 16),
          same('10-15', 8),
          same('15-20', 4),
          same('20+', 1),
        ],
        otherCount: 0,
        missingCount: 2,
      });
      // No years in role: amara, yuki, elena, priya2.
      expectBreakdown(breakdowns, 'YEARS_IN_ROLE', {
        buckets: [same('0-2', 8), same('2-5', 22), same('5-10', 6)],
        otherCount: 0,
        missingCount: 4,
      });
      // yuki has no industry; 14 in the smaller industries.
      expectBreakdown(breakdowns, 'INDUSTRY', {
        buckets: [
          v('e-commerce', 'E-commerce', 9),
          v('software', 'Software', 9),
          v('financial services', 'Financial Services', 7),
        ],
        otherCount: 14,
        missingCount: 1,
      });
      // Other: 501-1000 (liam, marco, sam) and 51-200 (morgan).
      expectBreakdown(breakdowns, 'COMPANY_SIZE', {
        buckets: [
          v('1001-5000', '1001-5000', 15),
          v('10001+', '10001+', 12),
          v('5001-10000', '5001-10000', 8),
        ],
        otherCount: 4,
        missingCount: 1,
      });
      // Other: david (OSCP). Five candidates hold certifications.
      expectBreakdown(breakdowns, 'CERTIFICATION', {
        buckets: [
          v('aws certified solutions architect', 'AWS Certified Solutions Architect', 2),
          v('certified kubernetes administrator', 'Certified Kubernetes Administrator', 2),
          v('istqb', 'ISTQB', 1),
        ],
        otherCount: 1,
        missingCount: 35,
      });
      // Other: yuki (Japanese only). Missing: priya2.
      expectBreakdown(breakdowns, 'LANGUAGE', {
        buckets: [
          v('english', 'English', 37),
          v('german', 'German', 8),
          v('spanish', 'Spanish', 4),
        ],
        otherCount: 1,
        missingCount: 1,
      });
      // 16 candidates have past companies; google is jose's and alex's.
      expectBreakdown(breakdowns, 'PAST_COMPANY', {
        buckets: [v('google', 'Google', 2), v('adyen', 'Adyen', 1), v('citadel', 'Citadel', 1)],
        otherCount: 12,
        missingCount: 24,
      });
      // Senior Software Engineer: jose, aisha, noah, yuki, sam.
      expectBreakdown(breakdowns, 'PAST_TITLE', {
        buckets: [
          v('senior software engineer', 'Senior Software Engineer', 5),
          v('data analyst', 'Data Analyst', 1),
          v('data engineer', 'Data Engineer', 1),
        ],
        otherCount: 9,
        missingCount: 24,
      });
      expectBreakdown(breakdowns, 'CURRENT_TITLE', {
        buckets: [
          v('engineering manager', 'Engineering Manager', 5),
          v('senior data engineer', 'Senior Data Engineer', 4),
          v('staff engineer', 'Staff Engineer', 4),
        ],
        otherCount: 26,
        missingCount: 1,
      });
      // 20 candidates have schools; olivia's two count once.
      expectBreakdown(breakdowns, 'SCHOOL', {
        buckets: [
          v('stanford university', 'Stanford University', 2),
          v('technische universitat munchen', 'Technische Universität München', 2),
          v('charles university', 'Charles University', 1),
        ],
        otherCount: 15,
        missingCount: 20,
      });
      expectBreakdown(breakdowns, 'MAJOR', {
        buckets: [
          v('computer science', 'Computer Science', 7),
          v('electrical engineering', 'Electrical Engineering', 2),
          v('mathematics', 'Mathematics', 2),
        ],
        otherCount: 9,
        missingCount: 20,
      });
      await expectBucketsWorkAsFilters(ctx, breakdowns, null, {});
    });

    it('ATS dimensions of a query', async () => {
      const d = ctx.data;
      const query = term('kafka');
      // kafka: zoe, aisha, ivan, liam, nina.
      const breakdowns = await ctx.insights({
        query,
        dimensions: ['STAGE', 'JOB', 'SOURCE', 'RECRUITER', 'REJECTION_REASON'],
        size: 5,
      });
      // ivan has two applications (data at Application Review, platform at Onsite).
      expectBreakdown(breakdowns, 'STAGE', {
        buckets: [
          v('onsite', 'Onsite', 3),
          v('offer', 'Offer', 2),
          v('application review', 'Application Review', 1),
        ],
        otherCount: 0,
        missingCount: 0,
      });
      expectBreakdown(breakdowns, 'JOB', {
        buckets: [
          v(d.job('data'), 'Senior Data Engineer', 4),
          v(d.job('platform'), 'Staff Platform Engineer', 1),
          v(d.job('manager'), 'Engineering Manager, Payments', 1),
        ],
        otherCount: 0,
        missingCount: 0,
      });
      expectBreakdown(breakdowns, 'SOURCE', {
        buckets: [
          v('job board', 'Job Board', 2),
          v('referral', 'Referral', 2),
          v('linkedin', 'LinkedIn', 1),
        ],
        otherCount: 0,
        missingCount: 0,
      });
      expectBreakdown(breakdowns, 'RECRUITER', {
        buckets: [
          v(d.recruiter('anna'), 'Anna Lindqvist', 2),
          v(d.recruiter('ben'), 'Ben Carter', 2),
          v(d.recruiter('chloe'), 'Chloé Durand', 1),
        ],
        otherCount: 0,
        missingCount: 0,
      });
      // nina: Compensation; ivan: Withdrew; zoe, aisha and liam have no rejection reason.
      expectBreakdown(breakdowns, 'REJECTION_REASON', {
        buckets: [v('compensation', 'Compensation', 1), v('withdrew', 'Withdrew', 1)],
        otherCount: 0,
        missingCount: 3,
      });
      await expectBucketsWorkAsFilters(ctx, breakdowns, query, {});
    });

    it('otherCount of application dimensions, size 1', async () => {
      const d = ctx.data;
      const breakdowns = await ctx.insights({
        query: term('kafka'),
        dimensions: ['JOB', 'STAGE'],
        size: 1,
      });
      // aisha applied only to manager.
      expectBreakdown(breakdowns, 'JOB', {
        buckets: [v(d.job('data'), 'Senior Data Engineer', 4)],
        otherCount: 1,
        missingCount: 0,
      });
      // zoe and nina are only at Offer.
      expectBreakdown(breakdowns, 'STAGE', {
        buckets: [v('onsite', 'Onsite', 3)],
        otherCount: 2,
        missingCount: 0,
      });
    });

    it('applies the query and every filter, without multi-select exclusion', async () => {
      const breakdowns = await ctx.insights({
        query: term('python'),
        filter: { skills: ['Kubernetes'] },
        dimensions: ['SKILL'],
        size: 2,
      });
      // python and Kubernetes: jose (Python, Go, Kubernetes) and raj (Python, PyTorch, Kubernetes).
      expectBreakdown(breakdowns, 'SKILL', {
        buckets: [v('kubernetes', 'Kubernetes', 2), v('python', PYTHON_LABELS, 2)],
        otherCount: 0,
        missingCount: 0,
      });
    });
  });
}
