import { describe, expect, it } from 'vitest';
import { mergeParsed, parseResume } from './resume-parser';

const RESUME = `José Álvarez
Staff Engineer at Stripe | Berlin, Germany
jose.alvarez@example.com | +49 30 1234567 | linkedin.com/in/jose-alvarez | github.com/jalvarez

SUMMARY
Staff Engineer working since 2012, skilled in Python, Scala, Kubernetes.

EXPERIENCE
Staff Engineer — Stripe, 2019–Present
Berlin. Leads the payments data platform.
Senior Data Engineer — Zalando, 2015–2019
Berlin. Built streaming pipelines.

EDUCATION
MSc, Computer Science — ETH Zürich, 2010–2012

SKILLS
Python, Scala, Kubernetes, C++

CERTIFICATIONS
AWS Certified Solutions Architect

LANGUAGES
Spanish (Native), German (Professional), English (Fluent)`;

describe('parseResume', () => {
  const parsed = parseResume(RESUME);

  it('reads experience, newest first as written, with the current role open-ended', () => {
    expect(parsed.experience).toEqual([
      {
        title: 'Staff Engineer',
        company: 'Stripe',
        startDate: '2019',
        endDate: null,
        current: true,
      },
      {
        title: 'Senior Data Engineer',
        company: 'Zalando',
        startDate: '2015',
        endDate: '2019',
        current: false,
      },
    ]);
  });

  it('reads education, skills, certifications and languages', () => {
    expect(parsed.education).toEqual([
      {
        degree: 'MSc',
        major: 'Computer Science',
        school: 'ETH Zürich',
        startDate: '2010',
        endDate: '2012',
      },
    ]);
    expect(parsed.skills).toEqual(['Python', 'Scala', 'Kubernetes', 'C++']);
    expect(parsed.certifications).toEqual(['AWS Certified Solutions Architect']);
    expect(parsed.languages).toEqual(['Spanish', 'German', 'English']);
  });

  it('finds e-mails and profile links anywhere', () => {
    expect(parsed.emails).toEqual(['jose.alvarez@example.com']);
    expect(parsed.linkedinUrls).toEqual(['linkedin.com/in/jose-alvarez']);
    expect(parsed.githubUrls).toEqual(['github.com/jalvarez']);
  });

  it('leaves the punctuation of the sentence a link ends', () => {
    const inText = parseResume(
      'See linkedin.com/in/ana-silva. Or https://www.linkedin.com/in/bo-li! Code: github.com/bo-li.',
    );
    expect(inText.linkedinUrls).toEqual([
      'linkedin.com/in/ana-silva',
      'https://www.linkedin.com/in/bo-li',
    ]);
    expect(inText.githubUrls).toEqual(['github.com/bo-li']);
  });

  it('accepts other common layouts', () => {
    const other = parseResume(
      'Work Experience:\nEngineer at Acme (2015 - 2019)\n\nEducation\nBSc in Physics - MIT (2008-2012)\n\nTechnical Skills\nGo; Rust',
    );
    expect(other.experience).toEqual([
      { title: 'Engineer', company: 'Acme', startDate: '2015', endDate: '2019', current: false },
    ]);
    expect(other.education).toEqual([
      { degree: 'BSc', major: 'Physics', school: 'MIT', startDate: '2008', endDate: '2012' },
    ]);
    expect(other.skills).toEqual(['Go', 'Rust']);
  });

  it('returns empty facts for text without sections', () => {
    expect(parseResume('just some words')).toMatchObject({
      experience: [],
      education: [],
      skills: [],
    });
  });
});

describe('parseResume: a section ends where its list ends', () => {
  it('keeps whole sentences after a last LANGUAGES heading out of languages (cover-letter text)', () => {
    const parsed = parseResume(
      `LANGUAGES\nSpanish, German\nDear Hiring Team,\nI am writing to apply for the role at your company.\nBest regards, Ana`,
    );
    expect(parsed.languages).toEqual(['Spanish', 'German']);
  });

  it('stops a list section after a few lines', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Skill${i}`).join('\n');
    expect(parseResume(`SKILLS\n${lines}`).skills).toHaveLength(8);
  });

  it('merges several files without repeats, first file first', () => {
    const merged = mergeParsed([
      parseResume('ana@x.io\nSKILLS\nPython, Go'),
      parseResume('ANA@x.io\nSKILLS\npython, Rust'),
    ]);
    expect(merged.skills).toEqual(['Python', 'Go', 'Rust']);
    expect(merged.emails).toEqual(['ana@x.io']);
  });
});

describe('parseResume: long lists stay lists', () => {
  it('reads a one-line list of many multi-word skills', () => {
    const line =
      'Interaction Design, Figma, Sketch, User Research, Design Systems, Usability Testing, Prototyping, Accessibility';
    expect(parseResume(`SKILLS\n${line}`).skills).toHaveLength(8);
  });
});
