import type { CandidateRecord } from '../../src/connectors/records';
import type { SocialLink } from '../../src/entities/candidate-fields';
import { JOB_FAMILIES } from '../../test/simulators/generator/career-vocabulary';
import { CITIES } from '../../test/simulators/generator/people-vocabulary';
import type { Rng } from '../../test/simulators/generator/prng';
import {
  companyText,
  displayName,
  githubHandle,
  linkedinSlug,
  monthText,
  oldEmail,
  personalEmail,
  typo,
  withoutAccents,
  workEmail,
  type Month,
  type Person,
  type Stint,
} from './world-person';
import type { Pools } from './world-pools';

/**
 * How a person is written down by an ATS (a candidate) and by a directory (a profile), and what
 * the reference rules read of each: the truth's own keys (company name ids, the person's
 * canonical name, lower-case slugs), never the strings the product parses.
 */

export interface OraclePeriod {
  /** `c:<nameId>` for a company name, `s:<school>`, or `typo:<text>` for a misspelling. */
  key: string;
  start: Month | null;
  end: Month | null;
}

export interface OracleIdentity {
  linkedin: string | null;
  github: string | null;
  emails: string[];
  /** `n:<first>:<last>` (accents and case do not change it), `typo:<text>` when misspelt. */
  name: string;
  employers: OraclePeriod[];
  schools: OraclePeriod[];
}

export interface CandidateOptions {
  /** Where the candidate's LinkedIn URL is: nowhere, on the ATS record, only in the resume, or
   * an older URL of theirs that the directory does not know. */
  linkedin: 'none' | 'record' | 'resume' | 'old';
  github: boolean;
  /** The personal address on the record, only in the resume, or not at all. */
  personalEmail: 'none' | 'record' | 'resume';
  nameTypo: boolean;
  /** Every company but the first misspelt. */
  companyTypos: boolean;
  workHistory: boolean;
  education: boolean;
  dates: boolean;
  resume: boolean;
  /** What the ATS knows ends here: later jobs are "changed jobs" only the profile has. */
  appliedAt: Month;
}

export interface ProfileOptions {
  /** The LinkedIn URL generation (0: the person's URL; 1: a newer one), or null for none. */
  linkedin: number | null;
  github: boolean;
  personalEmail: boolean;
  education: boolean;
  dates: boolean;
}

export interface CandidateView {
  record: CandidateRecord;
  resume: string | null;
  identity: OracleIdentity;
}

export interface ProfileView {
  input: Record<string, unknown>;
  identity: OracleIdentity;
}

const nameKey = (person: Person): string => `n:${person.first}:${person.last}`;

export function linkedinVariant(slug: string, rng: Rng, city: number): string {
  const cc = CITIES[city]?.linkedinSubdomain ?? rng.pick(['uk', 'de', 'fr', 'br', 'in']);
  const upper = slug.charAt(0).toUpperCase() + slug.slice(1);
  return rng.pick([
    `https://www.linkedin.com/in/${slug}`,
    `https://www.linkedin.com/in/${slug}/`,
    `http://linkedin.com/in/${slug}`,
    `linkedin.com/in/${slug}`,
    `www.linkedin.com/in/${slug}/`,
    `https://${cc}.linkedin.com/in/${slug}`,
    `https://www.linkedin.com/in/${slug}?trk=public_profile_browsemap`,
    `https://www.linkedin.com/in/${slug}/?originalSubdomain=${cc}`,
    `https://www.linkedin.com/in/${upper}`,
  ]);
}

export function githubVariant(handle: string, rng: Rng): string {
  return rng.pick([
    `https://github.com/${handle}`,
    `http://www.github.com/${handle}/`,
    `github.com/${handle.toUpperCase()}`,
    `https://github.com/${handle}?tab=repositories`,
  ]);
}

/** The same address with its letter case changed, as people type it into forms. */
export function emailVariant(email: string, rng: Rng): string {
  if (!rng.chance(0.6)) return email;
  const [local = '', domain = ''] = email.split('@');
  return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
}

function nameAsWritten(pools: Pools, person: Person, rng: Rng): string {
  const name = displayName(pools, person);
  const roll = rng.next();
  if (roll < 0.1) return withoutAccents(name);
  if (roll < 0.14) return name.toUpperCase();
  if (roll < 0.17) return name.replace(' ', '  ');
  return name;
}

function period(key: string, start: Month | null, end: Month | null): OraclePeriod {
  return { key, start, end };
}

export function candidateView(
  pools: Pools,
  person: Person,
  options: CandidateOptions,
  rng: Rng,
  remoteId: string,
): CandidateView {
  const name = options.nameTypo
    ? typo(nameAsWritten(pools, person, rng), rng)
    : nameAsWritten(pools, person, rng);
  const known = options.workHistory ? person.jobs.filter((j) => j.start <= options.appliedAt) : [];
  const employers: OraclePeriod[] = [];
  const workHistory = known.map((job, i) => {
    const ongoing = job.end === null || job.end > options.appliedAt;
    let company = companyText(pools, job.company, rng, rng.chance(0.3));
    let key = `c:${pools.companies[job.company]?.nameId}`;
    if (options.companyTypos && i > 0) {
      company = typo(company, rng);
      key = `typo:${company.toLowerCase()}`;
    }
    const start = options.dates ? job.start : null;
    const end = options.dates && !ongoing ? job.end : null;
    employers.push(period(key, start, end));
    return {
      company,
      title: job.title,
      startDate: start === null ? null : monthText(start),
      endDate: end === null ? null : monthText(end),
      current: ongoing,
    };
  });
  const schools: OraclePeriod[] = [];
  const education = (options.education ? person.studies : []).map((s) => {
    schools.push(
      period(`s:${s.school}`, options.dates ? s.start : null, options.dates ? s.end : null),
    );
    return {
      school: pools.schools[s.school] ?? null,
      degree: s.degree,
      major: s.major,
      startDate: options.dates ? monthText(s.start) : null,
      endDate: options.dates ? monthText(s.end) : null,
    };
  });

  const slug = linkedinSlug(pools, person, options.linkedin === 'old' ? 7 : 0);
  const linkedinUrl = linkedinVariant(slug, rng, person.city);
  const handle = githubHandle(pools, person);
  const socialLinks: SocialLink[] = [];
  if (options.linkedin === 'record' || options.linkedin === 'old')
    socialLinks.push({ type: 'LINKEDIN', url: linkedinUrl });
  if (options.github) socialLinks.push({ type: 'GITHUB', url: githubVariant(handle, rng) });

  const current = known.find((j) => j.end === null || j.end > options.appliedAt);
  const emails = [current ? workEmail(pools, person, current) : oldEmail(pools, person)];
  const personal = emailVariant(personalEmail(pools, person), rng);
  if (options.personalEmail === 'record') emails.push(personal);

  const resumeLinks: string[] = [];
  if (options.linkedin === 'resume' || (options.linkedin === 'record' && rng.chance(0.5)))
    resumeLinks.push(linkedinUrl);
  if (options.personalEmail === 'resume') resumeLinks.push(personal);
  const resume =
    options.resume || resumeLinks.length > 0 ? resumeText(name, person, resumeLinks) : null;

  const record: CandidateRecord = {
    remoteId,
    raw: {},
    firstName: name.split(' ')[0] ?? null,
    lastName: name.split(' ').slice(1).join(' ').trim() || null,
    fullName: name,
    headline: current ? `${current.title}` : null,
    emails,
    phones: [],
    socialLinks,
    location: { city: CITIES[person.city]?.city ?? null, text: CITIES[person.city]?.city ?? null },
    currentCompany: workHistory.find((w) => w.current)?.company ?? null,
    currentTitle: workHistory.find((w) => w.current)?.title ?? null,
    workHistory,
    education,
    sourceRemoteId: null,
    recruiterRemoteId: null,
    tags: [],
    customFields: {},
    attachments: resume
      ? [
          {
            remoteId: `${remoteId}-resume`,
            name: 'resume.pdf',
            type: 'RESUME',
            contentType: 'application/pdf',
            locator: 'bench',
          },
        ]
      : [],
  };
  const identity: OracleIdentity = {
    linkedin: options.linkedin === 'none' ? null : slug,
    github: options.github ? handle : null,
    emails: [
      ...new Set(
        [...emails, ...(options.personalEmail === 'resume' ? [personal] : [])].map((e) =>
          e.toLowerCase(),
        ),
      ),
    ],
    name: options.nameTypo ? `typo:${name.toLowerCase()}` : nameKey(person),
    employers,
    schools,
  };
  return { record, resume, identity };
}

/** A plain resume: contact lines, a summary and skills (the ATS record holds the career). */
function resumeText(name: string, person: Person, links: string[]): string {
  const family = JOB_FAMILIES[person.family];
  const latest = person.jobs[person.jobs.length - 1];
  return [
    name,
    CITIES[person.city]?.city ?? '',
    ...links,
    '',
    'Summary',
    `${latest?.title ?? 'Specialist'} who enjoys hard problems, clear writing and kind teams. ` +
      'Comfortable owning work from the first sketch to the last support ticket.',
    '',
    'Skills',
    (family?.skills ?? []).slice(0, 8).join(', '),
  ].join('\n');
}

export function profileView(
  pools: Pools,
  person: Person,
  options: ProfileOptions,
  rng: Rng,
  externalId: string,
): ProfileView {
  const employers: OraclePeriod[] = [];
  const workHistory = person.jobs.map((job: Stint) => {
    const entry = pools.companies[job.company];
    employers.push(
      period(
        `c:${entry?.nameId}`,
        options.dates ? job.start : null,
        options.dates ? job.end : null,
      ),
    );
    return {
      company: companyText(pools, job.company, rng, rng.chance(0.6)),
      title: job.title,
      startDate: options.dates ? monthText(job.start) : null,
      endDate: options.dates && job.end !== null ? monthText(job.end) : null,
      current: job.end === null,
      industry: entry?.industry ?? null,
      companySize: entry?.size ?? null,
    };
  });
  const schools: OraclePeriod[] = [];
  const education = (options.education ? person.studies : []).map((s) => {
    schools.push(
      period(`s:${s.school}`, options.dates ? s.start : null, options.dates ? s.end : null),
    );
    return {
      school: pools.schools[s.school],
      degree: s.degree,
      major: s.major,
      startDate: options.dates ? monthText(s.start) : null,
      endDate: options.dates ? monthText(s.end) : null,
    };
  });
  const slug = options.linkedin === null ? null : linkedinSlug(pools, person, options.linkedin);
  const handle = options.github ? githubHandle(pools, person) : null;
  const emails = options.personalEmail ? [personalEmail(pools, person)] : [];
  const name = displayName(pools, person);
  const current = workHistory.find((w) => w.current);
  const family = JOB_FAMILIES[person.family];
  const input = {
    externalId,
    fullName: rng.chance(0.1) ? withoutAccents(name) : name,
    headline: current ? `${current.title} at ${current.company}` : null,
    location: CITIES[person.city]?.city ?? null,
    linkedinUrl: slug === null ? null : linkedinVariant(slug, rng, person.city),
    githubUrl: handle === null ? null : githubVariant(handle, rng),
    emails: emails.map((e) => emailVariant(e, rng)),
    workHistory,
    education,
    skills: rng.sample(family?.skills ?? [], 6),
    industry: current?.industry ?? null,
    companySize: current?.companySize ?? null,
  };
  return {
    input,
    identity: {
      linkedin: slug,
      github: handle,
      emails,
      name: nameKey(person),
      employers,
      schools,
    },
  };
}
