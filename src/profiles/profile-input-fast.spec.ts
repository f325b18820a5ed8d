import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProfile, PROFILE_LIMITS } from './profile-input';
import { parseValidProfile } from './profile-input-fast';

/**
 * Mostly valid ProfileInputs: every field usually well-formed (blanks, padding, accents and
 * values at their bound included), sometimes at or past an edge the schema has (a wrong type,
 * one character too many, an impossible date, a URL or e-mail that is not one, U+0000).
 */
const sometimes = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 25, arbitrary: valid }, { weight: 1, arbitrary: edge });
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
const validText = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', '   ', null, 'Acme', '  Acme, S.A.  ', 'Zoë Müller', 'x'.repeat(max)),
  );
const text = (max: number) =>
  sometimes(
    validText(max),
    fc.oneof(wrongType, fc.constantFrom('x'.repeat(max + 1), 'a\u0000b', '\ud800x')),
  );
const required = (max: number) =>
  sometimes(
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
      fc.constant(` ${'x'.repeat(max)} `),
    ),
    fc.oneof(wrongType, fc.constantFrom('', '  ', 'x'.repeat(max + 1), null)),
  );
const date = sometimes(
  fc.constantFrom('2020-05', '2020-05-31', ' 2019-01 ', '', null),
  fc.constantFrom('2023-02-30', '2020-13', '1899-01', '2020', 5),
);
const url = (valid: string[], edge: string[]) =>
  sometimes(fc.constantFrom(...valid, '', null), fc.oneof(wrongType, fc.constantFrom(...edge)));
const list = <T>(item: fc.Arbitrary<T>, max: number) =>
  sometimes(
    fc.oneof(fc.array(item, { maxLength: 4 }), fc.constant(null)),
    fc.oneof(wrongType, fc.constant(Array.from({ length: max + 1 }, () => 'x'))),
  );
const optional = { requiredKeys: [] as [] };

const workEntry = sometimes(
  fc.record(
    {
      company: text(PROFILE_LIMITS.text),
      title: text(PROFILE_LIMITS.text),
      startDate: date,
      endDate: date,
      current: sometimes(fc.constantFrom(true, false, null), fc.constantFrom('yes', 1)),
      industry: text(PROFILE_LIMITS.text),
      companySize: text(PROFILE_LIMITS.companySize),
    },
    optional,
  ),
  fc.oneof(wrongType, fc.constant(null)),
);
const educationEntry = sometimes(
  fc.record(
    {
      school: text(PROFILE_LIMITS.text),
      degree: text(PROFILE_LIMITS.text),
      major: text(PROFILE_LIMITS.text),
      startDate: date,
      endDate: date,
    },
    optional,
  ),
  fc.oneof(wrongType, fc.constant(null)),
);
const email = sometimes(
  fc.constantFrom('Ana@X.io', ' bo@y.io ', 'ana@x.io'),
  fc.oneof(wrongType, fc.constantFrom('not-an-email', '', 'a\u0000@x.io', null)),
);
const profileInput = fc.record(
  {
    externalId: required(PROFILE_LIMITS.externalId),
    fullName: required(PROFILE_LIMITS.fullName),
    headline: text(PROFILE_LIMITS.headline),
    location: text(PROFILE_LIMITS.location),
    linkedinUrl: url(
      ['https://www.linkedin.com/in/Ana-Silva/?trk=x', 'de.linkedin.com/in/ana'],
      ['https://linkedin.com/company/acme', 'not a url', `linkedin.com/in/${'x'.repeat(300)}`],
    ),
    githubUrl: url(
      ['http://www.github.com/Ana/', 'github.com/bo'],
      ['github.com/orgs/x', 'https://gitlab.com/ana'],
    ),
    emails: list(email, PROFILE_LIMITS.emails),
    workHistory: list(workEntry, PROFILE_LIMITS.entries),
    education: list(educationEntry, PROFILE_LIMITS.entries),
    skills: list(text(PROFILE_LIMITS.listItem), PROFILE_LIMITS.listItems),
    languages: list(fc.constantFrom('English', 'english', ' ', null), 3),
    industry: text(PROFILE_LIMITS.text),
    companySize: text(PROFILE_LIMITS.companySize),
    unknownKey: fc.oneof(wrongType, fc.constant(null)),
  },
  optional,
);

describe('parseValidProfile (the fast path)', () => {
  it('gives exactly what the schema gives, or leaves the input to the schema', () => {
    let fast = 0;
    fc.assert(
      fc.property(
        fc.oneof({ weight: 20, arbitrary: profileInput }, { weight: 1, arbitrary: wrongType }),
        (input) => {
          const row = parseValidProfile(input);
          const schema = parseProfile(input);
          if (row === undefined) return;
          fast += 1;
          expect(schema).toEqual({ ok: true, row });
        },
      ),
      { numRuns: 3000 },
    );
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(fast).toBeGreaterThan(300);
  });

  it('takes a typical directory line', () => {
    const line = {
      externalId: ' dir-1 ',
      fullName: 'José  Álvarez',
      linkedinUrl: 'https://www.linkedin.com/in/jose-alvarez/?trk=x',
      emails: ['Jose@X.io', 'jose@x.io'],
      workHistory: [
        { company: 'Acme, S.A.', startDate: '2019-03', endDate: '2021-01', current: false },
      ],
      education: [{ school: 'ETH Zürich', degree: 'MSc' }],
      skills: ['Go', 'go', ' ', 'Rust'],
    };
    expect(parseValidProfile(line)).toEqual((parseProfile(line) as { row: unknown }).row);
    expect(parseValidProfile(line)).toMatchObject({ externalId: 'dir-1', emails: ['jose@x.io'] });
  });

  it('leaves every unusual line to the schema', () => {
    expect(
      parseValidProfile({
        externalId: 'x',
        fullName: 'A',
        workHistory: [{ startDate: '2023-02-30' }],
      }),
    ).toBeUndefined();
    expect(
      parseValidProfile({ externalId: 'x', fullName: 'A', linkedinUrl: 'not a url' }),
    ).toBeUndefined();
    expect(parseValidProfile({ externalId: 'x', fullName: 'A', emails: [null] })).toBeUndefined();
    expect(parseValidProfile({ externalId: 'x', fullName: 'a\u0000' })).toBeUndefined();
    expect(parseValidProfile([])).toBeUndefined();
  });
});
