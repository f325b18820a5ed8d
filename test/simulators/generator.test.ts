import { describe, expect, it } from 'vitest';
import { SimulatorClock } from './common/clock';
import { DatasetMutator } from './common/dataset-mutator';
import {
  createDataset,
  generateCandidate,
  generateReference,
  mulberry32,
  streamCandidates,
  type ReferenceData,
} from './index';

const SEED = 'generator-test';
const reference: ReferenceData = generateReference({ seed: SEED, now: Date.UTC(2026, 0, 1) });

describe('data generator', () => {
  it('builds candidate #n from (seed, n) alone, identically every time', () => {
    const dataset = createDataset({ seed: SEED, candidates: 50 });
    const alone = generateCandidate(SEED, 37, dataset.reference);
    expect(JSON.stringify(alone.candidate)).toBe(JSON.stringify(dataset.candidates.get('cand-37')));
    expect(alone.applications).toEqual(dataset.applicationsOf('cand-37'));
    expect(JSON.stringify(generateCandidate('another seed', 37, reference).candidate)).not.toBe(
      JSON.stringify(alone.candidate),
    );
    expect(
      JSON.stringify(createDataset({ seed: SEED, candidates: 50 }).candidates.get('cand-49')),
    ).toBe(JSON.stringify(dataset.candidates.get('cand-49')));
  });

  it('reaches index 999,999 without building the others', () => {
    const { candidate } = generateCandidate(SEED, 999_999, reference);
    expect(candidate.key).toBe('cand-999999');
    expect(candidate.emails.every((e) => e.value.includes('999999'))).toBe(true);
  });

  it('produces realistic, varied, unique people', () => {
    const people = [...streamCandidates(SEED, reference, 2000)];
    const candidates = people.map((p) => p.candidate);
    expect(candidates.some((c) => /[À-ÿ]/.test(`${c.firstName}${c.lastName}`))).toBe(true);
    const emails = candidates.flatMap((c) => c.emails.map((e) => e.value));
    expect(new Set(emails).size).toBe(emails.length);
    const linkedinForms = new Set(
      candidates
        .flatMap((c) => (c.linkedinUrl ? [c.linkedinUrl.replace(/\/in\/[^/?]+/, '/in/SLUG')] : []))
        .map((u) => u.replace(/=[a-z]{2}$/, '=XX')),
    );
    expect(linkedinForms.size).toBeGreaterThanOrEqual(6);
    expect(linkedinForms).toContain('https://www.linkedin.com/in/SLUG/');
    expect(linkedinForms).toContain('http://linkedin.com/in/SLUG');
    expect(candidates.some((c) => c.githubUrl)).toBe(true);
    expect(candidates.some((c) => c.education.length === 2)).toBe(true);
    expect(candidates.some((c) => c.certifications.length > 0)).toBe(true);
    expect(candidates.some((c) => c.customFields.some((f) => Array.isArray(f.value)))).toBe(true);

    const apps = people.flatMap((p) => p.applications);
    expect(people.every((p) => p.applications.length <= 3)).toBe(true);
    expect(people.some((p) => p.applications.length === 0)).toBe(true);
    expect(apps.some((a) => a.jobKey === null && a.prospect)).toBe(true);
    expect(new Set(apps.map((a) => a.status))).toEqual(
      new Set(['ACTIVE', 'REJECTED', 'HIRED', 'ARCHIVED']),
    );
    for (const app of apps) {
      expect(app.rejectionReasonKey !== null).toBe(
        app.status === 'REJECTED' || app.status === 'ARCHIVED',
      );
      if (app.status === 'HIRED') expect(app.stageKey).toBe('hired');
      expect(app.createdAt).toBeLessThanOrEqual(app.updatedAt);
      expect(app.updatedAt).toBeLessThan(reference.now);
    }
  });

  it('writes resumes with the expected sections', () => {
    const { candidate } = generateCandidate(SEED, 12, reference);
    const lines = candidate.resumeText.split('\n');
    expect(lines[0]).toBe(`${candidate.firstName} ${candidate.lastName}`);
    for (const section of ['SUMMARY', 'EXPERIENCE', 'EDUCATION', 'SKILLS', 'LANGUAGES'])
      expect(lines).toContain(section);
    if (candidate.emails[0]) expect(lines[2]).toContain(candidate.emails[0].value);
    const job = candidate.experience[0]!;
    expect(candidate.resumeText).toContain(`${job.title} — ${job.company}, ${job.startYear}–`);
    expect(candidate.resumeText).toContain(candidate.skills.join(', '));
  });

  it('keeps a dataset consistent through many random changes', () => {
    const dataset = createDataset({ seed: SEED, candidates: 40 });
    const mutator = new DatasetMutator(dataset, new SimulatorClock(dataset.now));
    const events: string[] = [];
    mutator.onChange((e) => events.push(e.type));
    const rng = mulberry32(7);
    const before = dataset.sequence.value;
    for (let i = 0; i < 300; i++) mutator.randomChange(rng);
    expect(dataset.sequence.value).toBeGreaterThan(before);
    expect(new Set(events).size).toBeGreaterThanOrEqual(5);
    for (const app of dataset.applications.values())
      expect(dataset.candidates.has(app.candidateKey)).toBe(true);
    for (const candidate of dataset.candidates.values()) {
      for (const app of dataset.applicationsOf(candidate.key))
        expect(app.candidateKey).toBe(candidate.key);
    }
    const changed = dataset.candidates.changedBetween(before, dataset.sequence.value);
    expect(changed.every((c) => c.lastActivityAt > dataset.now)).toBe(true);
  });
});
