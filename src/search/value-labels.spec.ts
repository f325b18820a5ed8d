import { describe, expect, it } from 'vitest';
import { distinctJobLabels, relabel, type JobIdentity } from './value-labels';

const job = (id: string, title: string, location: string | null, reference = `R${id}`) =>
  ({ id, title, location, reference }) satisfies JobIdentity;

describe('distinctJobLabels', () => {
  it('keeps a title no other job has', () => {
    const labels = distinctJobLabels(['1'], [job('1', 'Data Engineer', 'Berlin')]);
    expect(labels.get('1')).toBe('Data Engineer');
  });

  it('tells same-titled jobs apart by location, titles compared folded', () => {
    const jobs = [job('1', 'Data Engineer', 'Berlin'), job('2', ' data  ENGINEER', 'Paris')];
    expect([...distinctJobLabels(['1', '2'], jobs)]).toEqual([
      ['1', 'Data Engineer (Berlin)'],
      ['2', 'data  ENGINEER (Paris)'],
    ]);
  });

  it('adds the reference where the location does not tell them apart', () => {
    const jobs = [
      job('1', 'Data Engineer', 'Berlin', 'REQ-1'),
      job('2', 'Data Engineer', 'berlin', 'REQ-2'),
      job('3', 'Data Engineer', null, 'REQ-3'),
      job('4', 'Data Engineer', 'Paris', 'REQ-4'),
    ];
    expect([...distinctJobLabels(['1', '2', '3', '4'], jobs)]).toEqual([
      ['1', 'Data Engineer (Berlin, REQ-1)'],
      ['2', 'Data Engineer (berlin, REQ-2)'],
      ['3', 'Data Engineer (REQ-3)'],
      ['4', 'Data Engineer (Paris)'],
    ]);
  });

  it('qualifies a shown job by namesakes that are not shown', () => {
    const jobs = [job('1', 'Data Engineer', 'Berlin'), job('2', 'Data Engineer', 'Paris')];
    expect([...distinctJobLabels(['1'], jobs)]).toEqual([['1', 'Data Engineer (Berlin)']]);
  });

  it('names no job it was not given', () => {
    expect(distinctJobLabels(['9'], [job('1', 'Data Engineer', null)]).size).toBe(0);
  });
});

describe('relabel', () => {
  it('replaces known labels and keeps the others', () => {
    const values = [
      { value: 'a', label: 'a', count: 2 },
      { value: 'b', label: 'B?', count: 1 },
    ];
    expect(relabel(values, new Map([['a', 'Alpha']]))).toEqual([
      { value: 'a', label: 'Alpha', count: 2 },
      { value: 'b', label: 'B?', count: 1 },
    ]);
  });
});
