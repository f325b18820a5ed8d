import { describe, expect, it } from 'vitest';
import { directoryProfilesQuery } from './directory-provider';
import type { Identity } from './match-rules';

const identity = (over: Partial<Identity> = {}): Identity => ({
  linkedinUrl: null,
  githubUrl: null,
  emails: [],
  nameKey: '',
  employers: [],
  schools: [],
  ...over,
});

describe('directoryProfilesQuery', () => {
  it('looks every kind of key up in its own UNION branch, each value once', () => {
    const query = directoryProfilesQuery('org', [
      identity({ linkedinUrl: 'linkedin.com/in/ana', emails: ['ana@x.io'], nameKey: 'ana garcia' }),
      identity({
        githubUrl: 'github.com/bo',
        emails: ['ana@x.io', 'bo@y.io'],
        nameKey: 'ana garcia',
      }),
    ]);
    expect(query?.text).toContain(`FROM profiles WHERE organization_id = $1 AND id IN (
SELECT id FROM profiles WHERE organization_id = $1 AND linkedin_url = ANY($2::varchar[])
UNION ALL SELECT id FROM profiles WHERE organization_id = $1 AND github_url = ANY($3::varchar[])
UNION ALL SELECT id FROM profiles WHERE organization_id = $1 AND emails && $4::varchar[]
UNION ALL SELECT id FROM profiles WHERE organization_id = $1 AND name_key = ANY($5::varchar[]))`);
    expect(query).toEqual({
      text: expect.any(String) as string,
      values: [
        'org',
        ['linkedin.com/in/ana'],
        ['github.com/bo'],
        ['ana@x.io', 'bo@y.io'],
        ['ana garcia'],
      ],
    });
  });

  it('reads only the names and dates of employers and schools, not whole work histories', () => {
    const text = directoryProfilesQuery('org', [identity({ nameKey: 'bo li' })])?.text ?? '';
    expect(text).toMatch(
      /jsonb_build_array\(x->>'company', x->>'startDate', x->>'endDate'\)[^]*AS employers/,
    );
    expect(text).toMatch(
      /jsonb_build_array\(x->>'school', x->>'startDate', x->>'endDate'\)[^]*AS schools/,
    );
    expect(text).not.toMatch(/SELECT id, linkedin_url, github_url, emails, name_key, work_history/);
  });

  it('leaves out the kinds no identity has, numbering the parameters in order', () => {
    const query = directoryProfilesQuery('org', [identity({ nameKey: 'bo li' })]);
    expect(query?.text).toContain('AND name_key = ANY($2::varchar[]))');
    expect(query?.text).not.toContain('UNION');
    expect(query?.values).toEqual(['org', ['bo li']]);
  });

  it('answers null when there is nothing to look up', () => {
    expect(directoryProfilesQuery('org', [identity()])).toBeNull();
    expect(directoryProfilesQuery('org', [])).toBeNull();
  });
});
