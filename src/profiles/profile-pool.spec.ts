import { describe, expect, it } from 'vitest';
import type { Identity, ProfileIdentity } from './match-rules';
import { ProfilePool } from './profile-pool';

const identity = (over: Partial<Identity> = {}): Identity => ({
  linkedinUrl: null,
  githubUrl: null,
  emails: [],
  nameKey: 'ana garcia',
  employers: [],
  schools: [],
  ...over,
});
const profile = (id: string, over: Partial<Identity> = {}): ProfileIdentity => ({
  id,
  ...identity(over),
});

describe('ProfilePool', () => {
  const pool = new ProfilePool([
    profile('by-linkedin', { nameKey: 'someone', linkedinUrl: 'linkedin.com/in/ana' }),
    profile('by-github', { nameKey: 'someone', githubUrl: 'github.com/ana' }),
    profile('by-email', { nameKey: 'someone', emails: ['ana@x.io'] }),
    profile('by-name'),
    profile('unrelated', { nameKey: 'bo li', emails: ['bo@y.io'] }),
  ]);

  it('answers each profile sharing any key with the identity, once', () => {
    const related = pool.relatedTo(
      identity({
        linkedinUrl: 'linkedin.com/in/ana',
        githubUrl: 'github.com/ana',
        emails: ['ana@x.io', 'other@x.io'],
      }),
    );
    expect(related.map((p) => p.id).sort()).toEqual([
      'by-email',
      'by-github',
      'by-linkedin',
      'by-name',
    ]);
    expect(
      pool.relatedTo(identity({ nameKey: 'zoe', emails: ['bo@y.io'] })).map((p) => p.id),
    ).toEqual(['unrelated']);
  });

  it('finds profiles by id and keeps the first of a repeated id', () => {
    const twice = new ProfilePool([
      profile('p', { nameKey: 'first' }),
      profile('p', { nameKey: 'second' }),
    ]);
    expect(twice.get('p')?.nameKey).toBe('first');
    expect(twice.relatedTo(identity({ nameKey: 'second' }))).toEqual([]);
  });
});
