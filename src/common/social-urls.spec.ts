import { describe, expect, it } from 'vitest';
import {
  classifySocialUrl,
  normalizeEmail,
  normalizeGithubUrl,
  normalizeLinkedinUrl,
} from './social-urls';

describe('normalizeLinkedinUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe/', 'linkedin.com/in/jane-doe'],
    ['http://linkedin.com/in/Jane-Doe', 'linkedin.com/in/jane-doe'],
    ['https://de.linkedin.com/in/jane-doe?trk=public_profile', 'linkedin.com/in/jane-doe'],
    ['linkedin.com/in/jane-doe/en', 'linkedin.com/in/jane-doe'],
    ['www.linkedin.com/in/jane-doe#about', 'linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/pub/jane-doe/1/2a/3b4', 'linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/in/j%C3%B6rg-m', 'linkedin.com/in/jörg-m'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeLinkedinUrl(raw)).toBe(expected);
  });

  it.each([
    'https://www.linkedin.com/company/stripe',
    'https://evil-linkedin.com/in/x',
    'not a url',
    '',
    null,
  ])('rejects %s', (raw) => {
    expect(normalizeLinkedinUrl(raw)).toBeNull();
  });
});

describe('normalizeGithubUrl', () => {
  it.each([
    ['https://github.com/Octocat', 'github.com/octocat'],
    ['github.com/octocat/hello-world', 'github.com/octocat'],
    ['http://www.github.com/octocat/', 'github.com/octocat'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeGithubUrl(raw)).toBe(expected);
  });

  it('rejects non-profile pages', () => {
    expect(normalizeGithubUrl('https://github.com/orgs/acme')).toBeNull();
    expect(normalizeGithubUrl('https://gitlab.com/octocat')).toBeNull();
  });
});

describe('classifySocialUrl and normalizeEmail', () => {
  it('classifies by host', () => {
    expect(classifySocialUrl('https://uk.linkedin.com/in/x')).toBe('LINKEDIN');
    expect(classifySocialUrl('github.com/x')).toBe('GITHUB');
    expect(classifySocialUrl('https://x.com/x')).toBe('TWITTER');
    expect(classifySocialUrl('https://janedoe.dev')).toBe('WEBSITE');
  });

  it('lower-cases e-mails and rejects non-addresses', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(normalizeEmail('jane')).toBeNull();
  });
});
