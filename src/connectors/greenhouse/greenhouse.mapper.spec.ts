import { describe, expect, it } from 'vitest';
import { mapApplication, mapCandidate, mapJob, NO_DETAILS } from './greenhouse.mapper';
import { ghApplicationSchema, ghCandidateSchema, ghJobSchema } from './greenhouse.schemas';

const candidate = (extra: Record<string, unknown>) => {
  const raw = { id: 7, first_name: 'Zoë', last_name: 'Ørsted', ...extra };
  return mapCandidate(ghCandidateSchema.parse(raw), raw, NO_DETAILS);
};
const application = (extra: Record<string, unknown>) => {
  const raw = { id: 1, candidate_id: 7, status: 'in_process', ...extra };
  return mapApplication(ghApplicationSchema.parse(raw), raw);
};

describe('Greenhouse mapper', () => {
  it('classifies social and website links by host', () => {
    const record = candidate({
      social_media_addresses: [{ value: 'https://de.linkedin.com/in/zoe' }, { value: 'x.com/zoe' }],
      website_addresses: [
        { value: 'https://github.com/zoe', type: 'portfolio' },
        { value: 'https://zoe.dev', type: 'personal' },
      ],
    });
    expect(record.socialLinks).toEqual([
      { type: 'LINKEDIN', url: 'https://de.linkedin.com/in/zoe' },
      { type: 'TWITTER', url: 'x.com/zoe' },
      { type: 'GITHUB', url: 'https://github.com/zoe' },
      { type: 'WEBSITE', url: 'https://zoe.dev' },
    ]);
  });

  it('keeps keyed custom fields and tolerates v1 bare values', () => {
    const record = candidate({
      custom_fields: {
        desired_salary: { name: 'Desired Salary', type: 'number', value: 90000 },
        empty: { name: 'Empty', type: 'short_text', value: null },
        legacy: 'plain',
      },
    });
    expect(record.customFields).toEqual({
      desired_salary: { name: 'Desired Salary', type: 'number', value: 90000 },
      legacy: { name: 'legacy', type: null, value: 'plain' },
    });
  });

  it('reads names, contact lists and a free-text address', () => {
    const record = candidate({
      email_addresses: [
        { value: 'Zoe@Example.org', type: 'personal' },
        { value: 'zoe@example.org', type: 'work' },
      ],
      phone_numbers: [{ value: '+1 555', type: 'mobile' }],
      addresses: [{ value: 'Zürich, ZH, Switzerland', type: 'home' }],
      tags: ['Python', { id: 3, name: 'Referral' }],
    });
    expect(record).toMatchObject({
      fullName: 'Zoë Ørsted',
      emails: ['Zoe@Example.org'],
      phones: ['+1 555'],
      location: { city: 'Zürich', region: 'ZH', country: 'Switzerland' },
      tags: ['Python', 'Referral'],
    });
  });

  it.each([
    ['in_process', 'ACTIVE'],
    ['active', 'ACTIVE'],
    ['rejected', 'REJECTED'],
    ['hired', 'HIRED'],
    ['converted', 'ARCHIVED'],
    ['something_new', 'ACTIVE'],
  ])('maps application status %s to %s', (status, expected) => {
    expect(application({ status })).toMatchObject({ status: expected, remoteStatus: status });
  });

  it('falls back to credited_to_id and created_at', () => {
    expect(
      application({ credited_to_id: 44, created_at: '2025-01-02T03:04:05Z', prospect: true }),
    ).toMatchObject({
      recruiterRemoteId: '44',
      appliedAt: new Date('2025-01-02T03:04:05Z'),
      isProspect: true,
      jobRemoteId: null,
    });
  });

  it('maps job status, department, office location and posts', () => {
    const raw = {
      id: 9,
      name: 'Data Engineer',
      status: 'open',
      department_ids: [1],
      office_ids: [2],
    };
    const job = mapJob(ghJobSchema.parse(raw), raw, {
      departments: new Map([[1, 'Data']]),
      offices: new Map([[2, 'Berlin, Germany']]),
      posts: [{ id: 5, job_id: 9, title: 'Data Engineer (m/f/d)', live: true }],
    });
    expect(job).toMatchObject({
      status: 'OPEN',
      department: 'Data',
      location: 'Berlin, Germany',
      postings: [{ remoteId: '5', title: 'Data Engineer (m/f/d)', isListed: true, url: null }],
    });
  });
});
