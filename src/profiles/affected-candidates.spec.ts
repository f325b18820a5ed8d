import { describe, expect, it } from 'vitest';
import { affectedCandidatesQuery } from './affected-candidates';

describe('affectedCandidatesQuery', () => {
  it('reads the profiles once and looks each kind of key up in its own UNION branch', () => {
    const query = affectedCandidatesQuery('org', ['p1', 'p2']);
    expect(query.values).toEqual(['org', ['p1', 'p2']]);
    const branches = query.text.split('\nUNION ');
    expect(branches).toHaveLength(5);
    expect(branches[0]).toMatch(/^WITH changed AS MATERIALIZED \(/);
    const keyOf = (branch: string) =>
      [...branch.matchAll(/AND (\w+) (?:= ANY|&&)/g)].map((m) => m[1]).at(-1);
    expect(branches.map(keyOf)).toEqual([
      'linkedin_url',
      'github_url',
      'emails',
      'name_key',
      'profile_id',
    ]);
    // Every branch stays inside the organization.
    for (const branch of branches) expect(branch).toContain('organization_id = $1');
  });
});
