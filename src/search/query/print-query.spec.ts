import { describe, expect, it } from 'vitest';
import type { QueryNode } from './ast';
import { parseQuery } from './parse-query';
import { printQuery } from './print-query';

function reprint(query: string): string {
  const node = parseQuery(query);
  if (node === null) throw new Error('expected a tree');
  return printQuery(node);
}

const span = { start: 0, end: 0 };

describe('printQuery', () => {
  it.each([
    ['python', 'python'],
    ['python scala', 'python AND scala'],
    ['a OR b c', 'a OR b AND c'],
    ['(a OR b) c', '(a OR b) AND c'],
    ['a b OR c', 'a AND b OR c'],
    ['(a OR b) OR c', 'a OR b OR c'],
    ['-intern', 'NOT intern'],
    ['--a', 'NOT NOT a'],
    ['-(a b)', 'NOT (a AND b)'],
    ['-(a OR b)', 'NOT (a OR b)'],
    ['NOT a OR b', 'NOT a OR b'],
    ['NOT (a OR b) OR c', 'NOT (a OR b) OR c'],
    ['Title:Eng*', 'title:Eng*'],
    ['title:(a OR "b c")', 'title:a OR title:"b c"'],
    ['"say \\"hi\\""', '"say \\"hi\\""'],
    ['"c:\\\\temp"', '"c:\\\\temp"'],
    ['"c:\\temp"', '"c:\\\\temp"'],
    ['“smart”', '"smart"'],
    ['"  two   spaces "', '"two spaces"'],
    ["https://x.io/a c++ o'brien", "https://x.io/a AND c++ AND o'brien"],
    ['python, java', 'python AND java'],
  ])('%s -> %s', (query, printed) => {
    expect(reprint(query)).toBe(printed);
  });

  it('escapes typographic quotes inside phrases so they do not end the phrase', () => {
    const node: QueryNode = { kind: 'phrase', value: 'a “b” „c', field: null, span };
    expect(printQuery(node)).toBe('"a \\“b\\” \\„c"');
  });

  it.each(['AND', 'two words', '', '-a', 'a*', 'title:x', '&&', 'foo:bar'])(
    'refuses to print the term %j, which no query can produce',
    (value) => {
      const node: QueryNode = { kind: 'term', value, field: null, prefix: false, span };
      expect(() => printQuery(node)).toThrow(/cannot be written as a word/);
    },
  );

  it('refuses to print a blank phrase', () => {
    expect(() => printQuery({ kind: 'phrase', value: ' ', field: null, span })).toThrow(/blank/);
  });
});
