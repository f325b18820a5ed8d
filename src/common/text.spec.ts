import { describe, expect, it } from 'vitest';
import { fold, normalizeKey, tokenize, words } from './text';

describe('text folding', () => {
  it('folds case and accents', () => {
    expect(fold('Zoë Müller-Ñúñez')).toBe('zoe muller-nunez');
    expect(normalizeKey('  José   ÁLVAREZ ')).toBe('jose alvarez');
  });

  it('keeps recruiter-typed joiners inside words', () => {
    expect(words('C++, C#, Node.js & R&D at o’brien; jane.doe@x.io front-end')).toEqual([
      'c++',
      'c#',
      'node.js',
      'r&d',
      'at',
      'o',
      'brien',
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
