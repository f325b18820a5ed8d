import { describe, expect, it } from 'vitest';
import { fold, normalizeKey, tokenize, words } from './text';

describe('text folding', () => {
  it('folds case and accents', () => {
    expect(fold('Zoë Müller-Ñúñez')).toBe('zoe muller-nunez');
    expect(fold('Søren Æbelø Straße Łukasz')).toBe('soren aebelo strasse lukasz');
    expect(normalizeKey('  José   ÁLVAREZ ')).toBe('jose alvarez');
  });

  it('keeps recruiter-typed joiners inside words', () => {
    expect(words('C++, C#, Node.js & R&D at o’brien; jane.doe@x.io front-end')).toEqual([
      'c++',
      'c#',
      'node.js',
      'r&d',
      'at',
      "o'brien",
      'jane.doe@x.io',
      'front-end',
    ]);
  });

  it('remembers offsets in the original text', () => {
    const text = 'Senior Ingénieur';
    const [, second] = tokenize(text);
    expect(second).toEqual({ word: 'ingenieur', start: 7, end: 16 });
    expect(text.slice(second!.start, second!.end)).toBe('Ingénieur');
  });

  it('handles non-Latin scripts', () => {
    expect(words('東京 エンジニア')).toEqual(['東京', 'エンジニア']);
  });
});

describe('overlong words', () => {
  it('are skipped, not indexed', () => {
    const blob = 'A'.repeat(3000);
    expect(words(`resume ${blob} end`)).toEqual(['resume', 'end']);
    expect(tokenize(`resume ${blob} end`).map((t) => t.word)).toEqual(['resume', 'end']);
  });
});
