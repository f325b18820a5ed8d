import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../common/errors';
import type { QueryNode, SearchField } from './ast';
import { parseQuery, type QueryLimits } from './parse-query';
import { QuerySyntaxError } from './query-syntax-error';
import { stripSpans, type SpanlessQueryNode } from './strip-spans';

// Compact builders for expected trees (spans are checked separately).
type Field = SearchField | null;
const t = (value: string, field: Field = null): SpanlessQueryNode => ({
  kind: 'term',
  value,
  field,
  prefix: false,
});
const pre = (value: string, field: Field = null): SpanlessQueryNode => ({
  kind: 'term',
  value,
  field,
  prefix: true,
});
const p = (value: string, field: Field = null): SpanlessQueryNode => ({
  kind: 'phrase',
  value,
  field,
});
const and = (...children: SpanlessQueryNode[]): SpanlessQueryNode => ({ kind: 'and', children });
const or = (...children: SpanlessQueryNode[]): SpanlessQueryNode => ({ kind: 'or', children });
const not = (child: SpanlessQueryNode): SpanlessQueryNode => ({ kind: 'not', child });

function parsed(query: string, limits?: QueryLimits): SpanlessQueryNode | null {
  const node = parseQuery(query, limits);
  return node === null ? null : stripSpans(node);
}

function syntaxError(query: string, limits?: QueryLimits): QuerySyntaxError {
  try {
    parseQuery(query, limits);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

interface Case {
  q: string;
  ast: SpanlessQueryNode | null;
}

const cases: Record<string, Case[]> = {
  'empty queries': [
    { q: '', ast: null },
    { q: '   \t\n ', ast: null },
    { q: ', ; ?', ast: null },
    { q: '🙂', ast: null },
  ],
  'terms and implicit AND': [
    { q: 'python', ast: t('python') },
    { q: '  python  ', ast: t('python') },
    { q: 'python scala', ast: and(t('python'), t('scala')) },
    { q: 'python\tscala\ngo', ast: and(t('python'), t('scala'), t('go')) },
    { q: 'python, scala; go', ast: and(t('python'), t('scala'), t('go')) },
  ],
  operators: [
    { q: 'python AND scala', ast: and(t('python'), t('scala')) },
    { q: 'python OR scala', ast: or(t('python'), t('scala')) },
    { q: 'NOT intern', ast: not(t('intern')) },
    { q: '-intern', ast: not(t('intern')) },
    { q: 'a AND b AND c', ast: and(t('a'), t('b'), t('c')) },
    { q: 'a OR b OR c', ast: or(t('a'), t('b'), t('c')) },
    { q: 'a AND b c', ast: and(t('a'), t('b'), t('c')) },
    { q: 'NOT NOT a', ast: not(not(t('a'))) },
    { q: '--a', ast: not(not(t('a'))) },
    { q: 'NOT -a', ast: not(not(t('a'))) },
    { q: 'a AND(b)', ast: and(t('a'), t('b')) },
    { q: 'NOT(a)', ast: not(t('a')) },
  ],
  'lower-case operators are words': [
    { q: 'and', ast: t('and') },
    { q: 'a or b', ast: and(t('a'), t('or'), t('b')) },
    { q: 'not intern', ast: and(t('not'), t('intern')) },
    { q: 'Not And Or', ast: and(t('Not'), t('And'), t('Or')) },
    { q: 'NOTE ANDROID ORACLE', ast: and(t('NOTE'), t('ANDROID'), t('ORACLE')) },
    { q: 'NOT-a', ast: t('NOT-a') },
    {
      q: 'constructor toString __proto__ hasOwnProperty',
      ast: and(t('constructor'), t('toString'), t('__proto__'), t('hasOwnProperty')),
    },
  ],
  precedence: [
    { q: 'a OR b c', ast: or(t('a'), and(t('b'), t('c'))) },
    { q: 'a b OR c', ast: or(and(t('a'), t('b')), t('c')) },
    { q: 'a OR b AND c', ast: or(t('a'), and(t('b'), t('c'))) },
    { q: 'NOT a b', ast: and(not(t('a')), t('b')) },
    { q: 'a OR NOT b', ast: or(t('a'), not(t('b'))) },
    { q: 'NOT a OR b', ast: or(not(t('a')), t('b')) },
    { q: '-a OR -b c', ast: or(not(t('a')), and(not(t('b')), t('c'))) },
    { q: 'a NOT b', ast: and(t('a'), not(t('b'))) },
    { q: 'a AND NOT b', ast: and(t('a'), not(t('b'))) },
  ],
  'parentheses, nesting and flattening': [
    { q: '(a OR b) c', ast: and(or(t('a'), t('b')), t('c')) },
    { q: 'a (b OR c)', ast: and(t('a'), or(t('b'), t('c'))) },
    { q: '(a)', ast: t('a') },
    { q: '((((a))))', ast: t('a') },
    { q: '(a b) c', ast: and(t('a'), t('b'), t('c')) },
    { q: 'a AND (b AND (c d))', ast: and(t('a'), t('b'), t('c'), t('d')) },
    { q: '(a OR b) OR (c OR d)', ast: or(t('a'), t('b'), t('c'), t('d')) },
    { q: '(a OR (b OR c))', ast: or(t('a'), t('b'), t('c')) },
    { q: '(a OR b) AND (c OR d)', ast: and(or(t('a'), t('b')), or(t('c'), t('d'))) },
    { q: 'NOT (a OR b)', ast: not(or(t('a'), t('b'))) },
    { q: '-(a OR b)', ast: not(or(t('a'), t('b'))) },
    { q: '(a)(b)', ast: and(t('a'), t('b')) },
    { q: 'a OR (b c) OR d', ast: or(t('a'), and(t('b'), t('c')), t('d')) },
    { q: '((a OR b) (c OR (d e)))', ast: and(or(t('a'), t('b')), or(t('c'), and(t('d'), t('e')))) },
    {
      q: '("data engineer" OR "ml engineer") AND (python OR scala) NOT intern title:"staff engineer" company:stripe',
      ast: and(
        or(p('data engineer'), p('ml engineer')),
        or(t('python'), t('scala')),
        not(t('intern')),
        p('staff engineer', 'title'),
        t('stripe', 'company'),
      ),
    },
  ],
  phrases: [
    { q: '"data engineer"', ast: p('data engineer') },
    { q: '"python"', ast: p('python') },
    { q: '"  data \t  engineer "', ast: p('data engineer') },
    { q: '"a OR (b) NOT c:* -d"', ast: p('a OR (b) NOT c:* -d') },
    { q: '"say \\"hi\\" now"', ast: p('say "hi" now') },
    { q: '"back\\\\slash"', ast: p('back\\slash') },
    { q: '"c:\\temp"', ast: p('c:\\temp') },
    { q: '"ends with \\\\"', ast: p('ends with \\') },
    { q: '“data engineer”', ast: p('data engineer') },
    { q: '„Softwareentwickler“', ast: p('Softwareentwickler') },
    { q: '"a"b', ast: and(p('a'), t('b')) },
    { q: '"a""b"', ast: and(p('a'), p('b')) },
    { q: '"José Müller"', ast: p('José Müller') },
  ],
  'words in any script': [
    { q: 'José', ast: t('José') },
    { q: 'Zoë München', ast: and(t('Zoë'), t('München')) },
    { q: '日本語', ast: t('日本語') },
    { q: 'Москва OR Київ', ast: or(t('Москва'), t('Київ')) },
    { q: 'ΑΘΗΝΑ', ast: t('ΑΘΗΝΑ') },
    { q: 'مهندس', ast: t('مهندس') },
    { q: 'e\u0301cole', ast: t('e\u0301cole') },
    { q: '𠀀x', ast: t('𠀀x') },
    { q: 'I ❤️ python', ast: and(t('I'), t('python')) },
  ],
  'special characters in words': [
    { q: 'c++', ast: t('c++') },
    { q: 'c#', ast: t('c#') },
    { q: 'f#.net', ast: t('f#.net') },
    { q: 'node.js', ast: t('node.js') },
    { q: '.net', ast: t('.net') },
    { q: 'a.b@x.io', ast: t('a.b@x.io') },
    { q: "o'brien", ast: t("o'brien") },
    { q: 'o’brien', ast: t('o’brien') },
    { q: 'r&d', ast: t('r&d') },
    { q: 'ci/cd', ast: t('ci/cd') },
    { q: 'snake_case', ast: t('snake_case') },
    { q: 'R & D', ast: and(t('R'), t('D')) },
    { q: 'sales / marketing', ast: and(t('sales'), t('marketing')) },
    { q: 'yahoo! inc', ast: and(t('yahoo'), t('inc')) },
  ],
  'hyphens: inside words vs negation': [
    { q: 'front-end', ast: t('front-end') },
    { q: 'e-commerce', ast: t('e-commerce') },
    { q: 'full--stack', ast: t('full--stack') },
    { q: 'front-end -intern', ast: and(t('front-end'), not(t('intern'))) },
    { q: '-"project manager"', ast: not(p('project manager')) },
    { q: '-(a OR b)', ast: not(or(t('a'), t('b'))) },
    { q: '-e-commerce', ast: not(t('e-commerce')) },
    { q: 'a -b -c', ast: and(t('a'), not(t('b')), not(t('c'))) },
    { q: 'a-(b)', ast: and(t('a'), not(t('b'))) },
    { q: '-title:intern', ast: not(t('intern', 'title')) },
  ],
  'negation-only queries': [
    { q: 'NOT intern', ast: not(t('intern')) },
    { q: '-java', ast: not(t('java')) },
    { q: '-java -php', ast: and(not(t('java')), not(t('php'))) },
    { q: 'NOT (intern OR junior)', ast: not(or(t('intern'), t('junior'))) },
  ],
  'field scopes': [
    { q: 'title:engineer', ast: t('engineer', 'title') },
    { q: 'company:stripe', ast: t('stripe', 'company') },
    { q: 'school:MIT', ast: t('MIT', 'school') },
    { q: 'skill:c++', ast: t('c++', 'skill') },
    { q: 'location:München', ast: t('München', 'location') },
    { q: "name:o'brien", ast: t("o'brien", 'name') },
    { q: 'email:a.b@x.io', ast: t('a.b@x.io', 'email') },
    { q: 'resume:kubernetes', ast: t('kubernetes', 'resume') },
    { q: 'Title:Engineer', ast: t('Engineer', 'title') },
    { q: 'COMPANY:Stripe', ast: t('Stripe', 'company') },
    { q: 'title:"staff engineer"', ast: p('staff engineer', 'title') },
    { q: 'title:eng*', ast: pre('eng', 'title') },
    { q: 'title:front-end', ast: t('front-end', 'title') },
    { q: 'title:and', ast: t('and', 'title') },
    { q: 'title:title', ast: t('title', 'title') },
    { q: 'title:a b', ast: and(t('a', 'title'), t('b')) },
    {
      q: 'title:(engineer OR developer)',
      ast: or(t('engineer', 'title'), t('developer', 'title')),
    },
    {
      q: 'title:(a "b c" -d e*)',
      ast: and(t('a', 'title'), p('b c', 'title'), not(t('d', 'title')), pre('e', 'title')),
    },
    { q: 'title:(a)', ast: t('a', 'title') },
    { q: 'title:(a (b OR c))', ast: and(t('a', 'title'), or(t('b', 'title'), t('c', 'title'))) },
    { q: 'title:(a b) c', ast: and(t('a', 'title'), t('b', 'title'), t('c')) },
    { q: '-title:(a OR b)', ast: not(or(t('a', 'title'), t('b', 'title'))) },
    { q: 'skill:"c#" OR skill:f#', ast: or(p('c#', 'skill'), t('f#', 'skill')) },
  ],
  'colons in URL-like and e-mail-like words': [
    { q: 'https://github.com/jose', ast: t('https://github.com/jose') },
    { q: 'http://a.io:8080/x', ast: t('http://a.io:8080/x') },
    { q: 'mailto:a@b.io', ast: t('mailto:a@b.io') },
    { q: 'resume:https://x.io/cv-2024.pdf', ast: t('https://x.io/cv-2024.pdf', 'resume') },
    { q: 'email:mailto:a@b.io', ast: t('mailto:a@b.io', 'email') },
    { q: '9:30', ast: t('9:30') },
    { q: 'c3po:x', ast: t('c3po:x') },
    { q: 'https://x.io/*', ast: pre('https://x.io/') },
  ],
  'prefix terms': [
    { q: 'eng*', ast: pre('eng') },
    { q: 'eng* dev*', ast: and(pre('eng'), pre('dev')) },
    { q: 'front-en*', ast: pre('front-en') },
    { q: 'Mü*', ast: pre('Mü') },
    { q: 'c+*', ast: pre('c+') },
    { q: '-eng*', ast: not(pre('eng')) },
    { q: '(eng*)', ast: pre('eng') },
    { q: 'eng*"x"', ast: and(pre('eng'), p('x')) },
  ],
};

describe('parseQuery: trees', () => {
  for (const [group, table] of Object.entries(cases)) {
    describe(group, () => {
      it.each(table)('$q', ({ q, ast }) => {
        expect(parsed(q)).toEqual(ast);
      });
    });
  }
});

describe('parseQuery: spans are [start, end) offsets into the query', () => {
  const span = (start: number, end: number) => ({ start, end });

  it('covers the field prefix and the * of a term', () => {
    expect(parseQuery('title:eng* x')).toEqual({
      kind: 'and',
      span: span(0, 12),
      children: [
        { kind: 'term', value: 'eng', field: 'title', prefix: true, span: span(0, 10) },
        { kind: 'term', value: 'x', field: null, prefix: false, span: span(11, 12) },
      ],
    } satisfies QueryNode);
  });

  it('covers the quotes of a phrase and the operator of a negation', () => {
    expect(parseQuery('NOT "a  b" -c')).toEqual({
      kind: 'and',
      span: span(0, 13),
      children: [
        {
          kind: 'not',
          span: span(0, 10),
          child: { kind: 'phrase', value: 'a b', field: null, span: span(4, 10) },
        },
        {
          kind: 'not',
          span: span(11, 13),
          child: { kind: 'term', value: 'c', field: null, prefix: false, span: span(12, 13) },
        },
      ],
    } satisfies QueryNode);
  });

  it('covers the parentheses of a group, also when flattened or a single element', () => {
    expect(parseQuery('(a OR b) (c)')).toEqual({
      kind: 'and',
      span: span(0, 12),
      children: [
        {
          kind: 'or',
          span: span(0, 8),
          children: [
            { kind: 'term', value: 'a', field: null, prefix: false, span: span(1, 2) },
            { kind: 'term', value: 'b', field: null, prefix: false, span: span(6, 7) },
          ],
        },
        { kind: 'term', value: 'c', field: null, prefix: false, span: span(9, 12) },
      ],
    } satisfies QueryNode);
  });

  it('gives a field-scoped group the field prefix and its words their own spans', () => {
    expect(parseQuery(' title:(a OR b)')).toEqual({
      kind: 'or',
      span: span(1, 15),
      children: [
        { kind: 'term', value: 'a', field: 'title', prefix: false, span: span(8, 9) },
        { kind: 'term', value: 'b', field: 'title', prefix: false, span: span(13, 14) },
      ],
    } satisfies QueryNode);
  });

  it('counts UTF-16 code units, like String.prototype.slice', () => {
    const query = '🙂 日本語 "Zoë"';
    const node = parseQuery(query);
    expect(node?.kind).toBe('and');
    const children = node?.kind === 'and' ? node.children : [];
    expect(children.map((child) => query.slice(child.span.start, child.span.end))).toEqual([
      '日本語',
      '"Zoë"',
    ]);
  });
});

interface ErrorCase {
  q: string;
  message: string;
  position: number;
  limits?: QueryLimits;
}

const FIELDS = 'title, company, school, skill, location, name, email, resume';

const errorCases: ErrorCase[] = [
  // Parentheses
  {
    q: 'a (b OR c',
    message: 'Unbalanced parenthesis: "(" at position 2 is never closed',
    position: 2,
  },
  { q: '((a)', message: 'Unbalanced parenthesis: "(" at position 0 is never closed', position: 0 },
  { q: '(', message: 'Unbalanced parenthesis: "(" at position 0 is never closed', position: 0 },
  {
    q: 'title:(a',
    message: 'Unbalanced parenthesis: "(" at position 6 is never closed',
    position: 6,
  },
  { q: 'a b)', message: 'Unexpected ")" at position 3', position: 3 },
  { q: ')', message: 'Unexpected ")" at position 0', position: 0 },
  { q: '(a)) OR b', message: 'Unexpected ")" at position 3', position: 3 },
  { q: '()', message: 'Empty parentheses at position 0', position: 0 },
  { q: 'a ( ) b', message: 'Empty parentheses at position 2', position: 2 },
  { q: 'title:()', message: 'Empty parentheses at position 6', position: 6 },
  // Quotes
  { q: 'a "data engineer', message: 'Unclosed quote starting at position 2', position: 2 },
  { q: '"a\\"', message: 'Unclosed quote starting at position 0', position: 0 },
  { q: '“smart', message: 'Unclosed quote starting at position 0', position: 0 },
  { q: 'a ""', message: 'Empty phrase at position 2', position: 2 },
  { q: '"   "', message: 'Empty phrase at position 0', position: 0 },
  { q: 'title:""', message: 'Empty phrase at position 6', position: 6 },
  // Binary operators
  { q: 'python AND', message: '"AND" at position 7 has nothing after it', position: 7 },
  { q: '(a AND) b', message: '"AND" at position 3 has nothing after it', position: 3 },
  { q: 'a OR', message: '"OR" at position 2 has nothing after it', position: 2 },
  { q: 'OR a', message: '"OR" at position 0 has nothing before it', position: 0 },
  { q: 'a (AND b)', message: '"AND" at position 3 has nothing before it', position: 3 },
  { q: 'AND AND', message: '"AND" at position 0 has nothing before it', position: 0 },
  {
    q: 'a OR OR b',
    message: 'Two operators in a row: "OR" at position 2 and "OR" at position 5',
    position: 5,
  },
  {
    q: 'a AND OR b',
    message: 'Two operators in a row: "AND" at position 2 and "OR" at position 6',
    position: 6,
  },
  {
    q: 'NOT AND b',
    message: 'Two operators in a row: NOT at position 0 and "AND" at position 4',
    position: 4,
  },
  {
    q: '-AND',
    message: 'Two operators in a row: "-" at position 0 and "AND" at position 1',
    position: 1,
  },
  // Negation
  { q: 'a NOT', message: 'NOT at position 2 has nothing after it', position: 2 },
  { q: 'NOT', message: 'NOT at position 0 has nothing after it', position: 0 },
  { q: '(a NOT) b', message: 'NOT at position 3 has nothing after it', position: 3 },
  { q: '-&', message: '"-" at position 0 has nothing after it', position: 0 },
  {
    q: 'a -',
    message: '"-" at position 2 must be written directly before what it excludes, as in -intern',
    position: 2,
  },
  {
    q: 'a - b',
    message: '"-" at position 2 must be written directly before what it excludes, as in -intern',
    position: 2,
  },
  {
    q: 'front- end',
    message: '"-" at position 5 must be written directly before what it excludes, as in -intern',
    position: 5,
  },
  {
    q: '-)',
    message: '"-" at position 0 must be written directly before what it excludes, as in -intern',
    position: 0,
  },
  // Prefix *
  { q: '*', message: '"*" must follow a word (position 0)', position: 0 },
  { q: 'a *', message: '"*" must follow a word (position 2)', position: 2 },
  { q: 'eng**', message: '"*" must follow a word (position 4)', position: 4 },
  { q: '"data"*', message: '"*" must follow a word (position 6)', position: 6 },
  { q: '(a)*', message: '"*" must follow a word (position 3)', position: 3 },
  { q: 'title:*', message: '"*" must follow a word (position 6)', position: 6 },
  { q: 'AND*', message: '"*" must follow a word (position 3)', position: 3 },
  { q: 'eng*ineer', message: '"*" can only end a word (position 3)', position: 3 },
  { q: 'eng*-x', message: '"*" can only end a word (position 3)', position: 3 },
  // Fields
  { q: 'foo:bar', message: `Unknown field "foo" at position 0; use one of ${FIELDS}`, position: 0 },
  {
    q: 'a Skills:python',
    message: `Unknown field "Skills" at position 2; use one of ${FIELDS}`,
    position: 2,
  },
  {
    q: 'foo:"x y"',
    message: `Unknown field "foo" at position 0; use one of ${FIELDS}`,
    position: 0,
  },
  { q: 'foo:', message: `Unknown field "foo" at position 0; use one of ${FIELDS}`, position: 0 },
  {
    q: 'e-mail:bob',
    message: `Unknown field "e-mail" at position 0; use one of ${FIELDS}`,
    position: 0,
  },
  {
    q: 'first_name:ann',
    message: `Unknown field "first_name" at position 0; use one of ${FIELDS}`,
    position: 0,
  },
  {
    q: 'title:',
    message:
      '"title:" at position 0 must be directly followed by a word, a "phrase" or a (group), as in title:engineer',
    position: 0,
  },
  {
    q: 'a title: engineer',
    message:
      '"title:" at position 2 must be directly followed by a word, a "phrase" or a (group), as in title:engineer',
    position: 2,
  },
  {
    q: 'title:-intern',
    message:
      '"title:" at position 0 must be directly followed by a word, a "phrase" or a (group), as in title:engineer',
    position: 0,
  },
  {
    q: 'title:NOT',
    message:
      '"title:" at position 0 must be directly followed by a word, a "phrase" or a (group), as in title:engineer',
    position: 0,
  },
  {
    q: 'title:company:stripe',
    message:
      '"company:" at position 6 cannot be used inside "title:" at position 0; a word can have only one field',
    position: 6,
  },
  {
    q: 'title:(a company:b)',
    message:
      '"company:" at position 9 cannot be used inside "title:" at position 0; a word can have only one field',
    position: 9,
  },
  {
    q: ':python',
    message: '":" at position 0 must follow a field name, as in title:engineer',
    position: 0,
  },
  // Operators from other syntaxes
  { q: 'a || b', message: 'Unexpected "|" at position 2; use OR', position: 2 },
  { q: 'a && b', message: 'Unexpected "&&" at position 2; use AND', position: 2 },
  { q: '!java', message: 'Unexpected "!" at position 0; use NOT or -', position: 0 },
  // Limits
  {
    q: 'a'.repeat(1234),
    message: 'Query is too long (1,234 characters; the limit is 1,000)',
    position: 1000,
  },
  {
    q: 'a b c',
    limits: { maxLength: 4 },
    message: 'Query is too long (5 characters; the limit is 4)',
    position: 4,
  },
  {
    q: '(((((((((((a)))))))))))',
    message: 'Query is nested too deeply (more than 10 levels) at position 10',
    position: 10,
  },
  {
    q: '-----------a',
    message: 'Query is nested too deeply (more than 10 levels) at position 10',
    position: 10,
  },
  {
    q: 'a (b -(NOT c))',
    limits: { maxDepth: 3 },
    message: 'Query is nested too deeply (more than 3 levels) at position 7',
    position: 7,
  },
  {
    q: 'x title:(a OR (b))',
    limits: { maxDepth: 1 },
    message: 'Query is nested too deeply (more than 1 level) at position 14',
    position: 14,
  },
];

describe('parseQuery: errors', () => {
  it.each(errorCases)('$q', ({ q, limits, message, position }) => {
    const error = syntaxError(q, limits);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.details).toEqual({ field: 'query', position });
  });

  it('is a BAD_USER_INPUT error for the GraphQL layer', () => {
    const error = syntaxError('(a');
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.name).toBe('QuerySyntaxError');
  });
});

describe('parseQuery: limits', () => {
  it('accepts a query of exactly maxLength characters', () => {
    expect(parsed('a'.repeat(1000))).toEqual(t('a'.repeat(1000)));
    expect(parsed('ab', { maxLength: 2 })).toEqual(t('ab'));
  });

  it('accepts exactly maxDepth levels of parentheses and negations', () => {
    expect(parsed('((((((((((a))))))))))')).toEqual(t('a'));
    expect(parsed('NOT -(-(a))', { maxDepth: 5 })).toEqual(not(not(not(t('a')))));
    expect(() => parseQuery('NOT -(-(a))', { maxDepth: 4 })).toThrow(/nested too deeply/);
  });

  it('rejects nonsensical limits as a programming error', () => {
    expect(() => parseQuery('a', { maxLength: 0 })).toThrow(RangeError);
    expect(() => parseQuery('a', { maxDepth: 1.5 })).toThrow(RangeError);
    expect(() => parseQuery('a', { maxDepth: 1000 })).toThrow(RangeError);
  });

  it('stays linear on long inputs (no quadratic rescans, no deep recursion)', () => {
    const limits = { maxLength: 1_000_000, maxDepth: 100 };
    const started = performance.now();
    expect(parseQuery('python OR '.repeat(20_000) + 'go', limits)?.kind).toBe('or');
    expect(parseQuery('a '.repeat(100_000), limits)?.kind).toBe('and');
    expect(() => parseQuery('title:'.repeat(100_000), limits)).toThrow(QuerySyntaxError);
    expect(() => parseQuery('-'.repeat(200_000) + 'a', limits)).toThrow(/nested too deeply/);
    expect(() => parseQuery('('.repeat(200_000), limits)).toThrow(/nested too deeply/);
    expect(() => parseQuery('"' + 'a'.repeat(200_000), limits)).toThrow(/Unclosed quote/);
    expect(parseQuery('https://' + 'a:'.repeat(100_000) + 'b', limits)?.kind).toBe('term');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
