import { describe, expect, it } from 'vitest';
import { parseQuery } from '../query/parse-query';
import { buildRankTsquery, buildTsquery } from './tsquery-builder';

const match = (query: string): string | null => buildTsquery(parseQuery(query));
const rank = (query: string): string | null => buildRankTsquery(parseQuery(query));

describe('buildTsquery', () => {
  it('scopes fields with their code, resume with its weight, and keeps operators', () => {
    expect(match('title:Engineer AND NOT resume:python')).toBe("('t~engineer' & !'python':D)");
    expect(match('"site reliability" OR go*')).toBe("(('site' <-> 'reliability') | 'go':*)");
  });
});

describe('buildRankTsquery', () => {
  it('ORs every wanted word, unscoped, once', () => {
    expect(rank('title:"Data Engineer" AND (engineer OR python*)')).toBe(
      "'data' | 'engineer' | 'python':*",
    );
  });

  it('leaves out words under NOT and resume words (rank_tsv has neither)', () => {
    expect(rank('kafka -java NOT (scala OR rust) resume:flink')).toBe("'kafka'");
  });

  it('is null when no word counts, so every match ranks alike', () => {
    expect(rank('resume:flink')).toBeNull();
    expect(rank('NOT java')).toBeNull();
    expect(rank('')).toBeNull();
  });
});
