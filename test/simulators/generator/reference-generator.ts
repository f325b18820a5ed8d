/**
 * The small shared world candidates live in: the hiring company's users, sources, rejection
 * reasons, pipeline, departments, offices, jobs and custom fields. Pure function of (seed, now).
 */
import { JOB_FAMILIES } from './career-vocabulary';
import type {
  EmploymentType,
  JobStatus,
  NeutralCustomFieldDefinition,
  NeutralJob,
  NeutralOffice,
  NeutralRejectionReason,
  NeutralSource,
  NeutralStage,
  NeutralUser,
  ReferenceData,
  UserRole,
} from './neutral-model';
import { CANDIDATE_TAGS } from './career-vocabulary';
import { CITIES, FIRST_NAMES, LAST_NAMES } from './people-vocabulary';
import { Rng } from './prng';
import { asciiSlug } from './text-helpers';

const DAY_MS = 86_400_000;

export const STAGES: readonly NeutralStage[] = [
  { key: 'lead', name: 'Lead', kind: 'LEAD', order: 0 },
  { key: 'new', name: 'New', kind: 'NEW', order: 1 },
  { key: 'application-review', name: 'Application Review', kind: 'REVIEW', order: 2 },
  { key: 'phone-screen', name: 'Phone Screen', kind: 'INTERVIEW', order: 3 },
  { key: 'technical-interview', name: 'Technical Interview', kind: 'INTERVIEW', order: 4 },
  { key: 'onsite', name: 'Onsite', kind: 'INTERVIEW', order: 5 },
  { key: 'offer', name: 'Offer', kind: 'OFFER', order: 6 },
  { key: 'hired', name: 'Hired', kind: 'HIRED', order: 7 },
  { key: 'archived', name: 'Archived', kind: 'ARCHIVED', order: 8 },
];

export const SOURCES: readonly NeutralSource[] = [
  { key: 'linkedin', name: 'LinkedIn', type: 'SOCIAL_MEDIA' },
  { key: 'indeed', name: 'Indeed', type: 'JOB_BOARD' },
  { key: 'wellfound', name: 'Wellfound', type: 'JOB_BOARD' },
  { key: 'careers-page', name: 'Careers Page', type: 'CAREER_SITE' },
  { key: 'employee-referral', name: 'Employee Referral', type: 'REFERRAL' },
  { key: 'sourced-github', name: 'Sourced: GitHub', type: 'SOURCED' },
  { key: 'sourced-linkedin', name: 'Sourced: LinkedIn Recruiter', type: 'SOURCED' },
  { key: 'agency-hays', name: 'Hays Recruitment', type: 'AGENCY' },
  { key: 'career-fair', name: 'University Career Fair', type: 'EVENT' },
];

export const REJECTION_REASONS: readonly NeutralRejectionReason[] = [
  { key: 'lacks-experience', name: 'Lacks relevant experience', type: 'WE_REJECTED_THEM' },
  { key: 'technical-skills', name: 'Insufficient technical skills', type: 'WE_REJECTED_THEM' },
  {
    key: 'compensation-high',
    name: 'Compensation expectations too high',
    type: 'WE_REJECTED_THEM',
  },
  { key: 'another-candidate', name: 'Hired another candidate', type: 'WE_REJECTED_THEM' },
  { key: 'accepted-other-offer', name: 'Accepted another offer', type: 'THEY_REJECTED_US' },
  { key: 'withdrew', name: 'Withdrew application', type: 'THEY_REJECTED_US' },
  { key: 'not-relocating', name: 'Not willing to relocate', type: 'THEY_REJECTED_US' },
  { key: 'position-filled', name: 'Position filled', type: 'NONE_SPECIFIED' },
  { key: 'duplicate', name: 'Duplicate application', type: 'NONE_SPECIFIED' },
];

export const CUSTOM_FIELDS: readonly NeutralCustomFieldDefinition[] = [
  { key: 'desired-salary', name: 'Desired Salary', type: 'NUMBER', options: [], isPrivate: true },
  {
    key: 'willing-to-relocate',
    name: 'Willing to Relocate',
    type: 'BOOLEAN',
    options: [],
    isPrivate: false,
  },
  {
    key: 'visa-sponsorship',
    name: 'Requires Visa Sponsorship',
    type: 'BOOLEAN',
    options: [],
    isPrivate: false,
  },
  {
    key: 'notice-period',
    name: 'Notice Period',
    type: 'SINGLE_SELECT',
    options: ['Immediately', '2 weeks', '1 month', '3 months'],
    isPrivate: false,
  },
  { key: 'available-from', name: 'Available From', type: 'DATE', options: [], isPrivate: false },
  {
    key: 'work-preference',
    name: 'Work Preference',
    type: 'MULTI_SELECT',
    options: ['Remote', 'Hybrid', 'On-site'],
    isPrivate: false,
  },
  { key: 'sourcing-notes', name: 'Sourcing Notes', type: 'TEXT', options: [], isPrivate: true },
];

const USER_ROLES: ReadonlyArray<readonly [UserRole, string]> = [
  ['ADMIN', 'Head of Talent'],
  ['RECRUITER', 'Senior Technical Recruiter'],
  ['RECRUITER', 'Technical Recruiter'],
  ['RECRUITER', 'Recruiter'],
  ['RECRUITER', 'Sourcer'],
  ['HIRING_MANAGER', 'Engineering Manager'],
  ['HIRING_MANAGER', 'Director of Product'],
  ['HIRING_MANAGER', 'VP of Sales'],
  ['HIRING_MANAGER', 'Head of Data'],
  ['COORDINATOR', 'Recruiting Coordinator'],
  ['INTERVIEWER', 'Staff Software Engineer'],
  // A recruiter who left: deactivated users still own old candidates in real ATS data.
  ['RECRUITER', 'Recruiter'],
];

export interface ReferenceOptions {
  seed: string;
  now: number;
  /** How many jobs to generate. Default 40. */
  jobs?: number;
}

export function generateReference(options: ReferenceOptions): ReferenceData {
  const { seed, now } = options;
  const company = { name: 'Northwind Labs', domain: 'northwindlabs.io' };
  const users = generateUsers(seed, now, company.domain);
  const departments = JOB_FAMILIES.map((f) => ({ key: f.key, name: f.department }));
  const offices = generateOffices(seed);
  const jobs = Array.from({ length: options.jobs ?? 40 }, (_, i) =>
    generateJob(seed, i, now, users, offices),
  );
  return {
    seed,
    now,
    company,
    users,
    sources: [...SOURCES],
    rejectionReasons: [...REJECTION_REASONS],
    stages: [...STAGES],
    departments,
    offices,
    jobs,
    customFields: [...CUSTOM_FIELDS],
    tags: [...CANDIDATE_TAGS],
  };
}

function generateUsers(seed: string, now: number, domain: string): NeutralUser[] {
  return USER_ROLES.map(([role, title], i) => {
    const rng = Rng.fromSeed(seed, 'user', i);
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const createdAt = now - rng.int(400, 2000) * DAY_MS;
    return {
      key: `user-${i + 1}`,
      firstName,
      lastName,
      email: `${asciiSlug(firstName, '')}.${asciiSlug(lastName, '')}@${domain}`,
      role,
      title,
      enabled: i !== USER_ROLES.length - 1,
      createdAt,
      updatedAt: createdAt + rng.int(0, 300) * DAY_MS,
    };
  });
}

function generateOffices(seed: string): NeutralOffice[] {
  const rng = Rng.fromSeed(seed, 'offices');
  const cities = rng.sample(CITIES, 6);
  const offices: NeutralOffice[] = cities.map(
    ({ phoneFormat: _p, linkedinSubdomain: _l, ...place }) => ({
      key: `office-${asciiSlug(place.city)}`,
      name: place.city,
      place,
      remote: false,
    }),
  );
  const hq = offices[0];
  if (hq) offices.push({ key: 'office-remote', name: 'Remote', place: hq.place, remote: true });
  return offices;
}

const JOB_STATUSES: ReadonlyArray<readonly [JobStatus, number]> = [
  ['OPEN', 50],
  ['CLOSED', 30],
  ['ARCHIVED', 12],
  ['DRAFT', 8],
];

const EMPLOYMENT_TYPES: ReadonlyArray<readonly [EmploymentType, number]> = [
  ['FULL_TIME', 85],
  ['CONTRACT', 7],
  ['PART_TIME', 3],
  ['INTERN', 4],
  ['TEMPORARY', 1],
];

export function generateJob(
  seed: string,
  index: number,
  now: number,
  users: NeutralUser[],
  offices: NeutralOffice[],
): NeutralJob {
  const rng = Rng.fromSeed(seed, 'job', index);
  const family = rng.pick(JOB_FAMILIES);
  const title = rng.pick(family.ladder);
  // The first jobs are always open so even a tiny dataset has somewhere to apply.
  const status = index < 3 ? 'OPEN' : rng.weighted(JOB_STATUSES);
  const createdAt = now - rng.int(20, 900) * DAY_MS;
  const openedAt = status === 'DRAFT' ? null : createdAt + rng.int(0, 10) * DAY_MS;
  const closedAt =
    status === 'CLOSED' || status === 'ARCHIVED'
      ? Math.min(now - DAY_MS, (openedAt ?? createdAt) + rng.int(30, 200) * DAY_MS)
      : null;
  const recruiters = users.filter((u) => u.role === 'RECRUITER' && u.enabled);
  const managers = users.filter((u) => u.role === 'HIRING_MANAGER');
  const office = rng.pick(offices);
  const hasPosting = status !== 'DRAFT';
  return {
    key: `job-${index + 1}`,
    title,
    departmentKey: family.key,
    officeKey: office.key,
    status,
    employmentType: rng.weighted(EMPLOYMENT_TYPES),
    hasPosting,
    postingListed: hasPosting && status === 'OPEN' && rng.chance(0.8),
    recruiterKey: rng.pick(recruiters).key,
    hiringManagerKey: rng.pick(managers).key,
    requisitionId: `REQ-${String(1000 + index)}`,
    description: `${title} in our ${family.department} team, based in ${office.name}. You will work with ${rng
      .sample(family.skills, 3)
      .join(', ')}.`,
    createdAt,
    updatedAt: Math.max(createdAt, closedAt ?? openedAt ?? createdAt),
    openedAt,
    closedAt,
  };
}
