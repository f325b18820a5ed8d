import { describe, expect, it } from 'vitest';
import { describeFilter } from './filter-lines';

describe('describeFilter', () => {
  it('lists every filter value, names ids, and spells out ranges and custom fields', () => {
    const lines = describeFilter(
      {
        jobIds: ['j1', 'j2'],
        locations: ['berlin, germany'],
        lastUpdated: { from: new Date('2025-01-01T00:00:00Z'), to: null },
        yearsOfExperience: { min: 2, max: 10 },
        customFields: [{ key: 'visa', values: ['EU', 'US'] }],
        tags: [],
      },
      { jobIds: new Map([['j1', 'Data Engineer']]) },
    );
    expect(lines).toEqual([
      { filter: 'Jobs', value: 'j1', label: 'Data Engineer' },
      { filter: 'Jobs', value: 'j2', label: null },
      { filter: 'Locations', value: 'berlin, germany', label: null },
      { filter: 'Last updated between', value: 'from 2025-01-01T00:00:00.000Z', label: null },
      { filter: 'Years of experience (range)', value: 'at least 2, at most 10', label: null },
      { filter: 'Custom fields: visa', value: 'EU', label: null },
      { filter: 'Custom fields: visa', value: 'US', label: null },
    ]);
  });

  it('names a filter it does not know from its key', () => {
    const future = { applicationStatuses: ['hired'] } as unknown as Parameters<
      typeof describeFilter
    >[0];
    expect(describeFilter(future)).toEqual([
      { filter: 'Application statuses', value: 'hired', label: null },
    ]);
  });
});
