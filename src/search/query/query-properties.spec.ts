import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEARCH_FIELDS, type QueryNode } from './ast';
import { parseQuery, type QueryLimits } from './parse-query';
import { printQuery } from './print-query';
import { QuerySyntaxError } from './query-syntax-error';
import { stripSpans } from './strip-spans';

const NO_SPAN = { start: 0, end: 0 };

// ---- (a) arbitrary text: a tree, null or a QuerySyntaxError, never anything else ----------

/** Pieces that hit the lexer's and parser's edge cases far more often than random text. */
const syntaxPiece = fc.constantFrom(
  ...['(', ')', '"', '“', '”', '„', '\\', ':', '*', '-', ' ', '  ', '\t', '\n', '!', '|', '&'],
  ...['&&', ',', '.', '@', '#', '+', "'", '/', '_', 'AND', 'OR', 'NOT', 'and', 'not', 'a', 'b'],
  ...['title:', 'Company:', 'foo:', 'https://', 'mailto:', '9:', 'é', 'e\u0301', '日本', 'Ж'],
  ...['constructor', '__proto__', 'toString:', 'hasOwnProperty'],
  ...['🙂', '❤️', '\u0301', '\uFE0F', '\u200D', '\uD800', '\uDC00', '\uD840\uDC00', '\u00A0'],
);
/** Mostly well-formed queries, so that many inputs get past the lexer into the parser. */
const queryLike = fc
  .array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          ...['python', 'c++', 'José', '日本語', 'front-end', 'eng*', '-intern', 'or'],
          ...['"data engineer"', 'company:stripe', 'https://x.io', 'title:"a b"'],
        ),
      },
      { weight: 2, arbitrary: fc.constantFrom('AND', 'OR', 'NOT', '(', ')', '-(', 'title:(') },
    ),
    { maxLength: 14 },
  )
  .chain((words) =>
    fc
      .array(fc.constantFrom(' ', ' ', ' ', ''), {
        minLength: words.length,
        maxLength: words.length,
      })
      .map((gaps) => words.map((word, i) => `${word}${gaps[i]}`).join('')),
  );
const queryText = fc.oneof(
  queryLike,
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: syntaxPiece },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) },
      ),
      { maxLength: 40 },
    )
    .map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
const limits: fc.Arbitrary<QueryLimits | undefined> = fc.option(
  fc.record(
    { maxLength: fc.integer({ min: 1, max: 80 }), maxDepth: fc.integer({ min: 1, max: 12 }) },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

/** Every span lies inside its parent's, children in order, all inside the query. */
function expectSpansNested(node: QueryNode, within: { start: number; end: number }): void {
  expect(node.span.start).toBeGreaterThanOrEqual(within.start);
  expect(node.span.end).toBeLessThanOrEqual(within.end);
  expect(node.span.start).toBeLessThan(node.span.end);
  if (node.kind === 'not') expectSpansNested(node.child, node.span);
  if (node.kind === 'and' || node.kind === 'or') {
    let previousEnd = node.span.start;
    for (const child of node.children) {
      expectSpansNested(child, { start: previousEnd, end: node.span.end });
      previousEnd = child.span.end;
    }
  }
}

describe('parseQuery on arbitrary text', () => {
  it('returns a tree or null, or throws QuerySyntaxError with a position inside the query', () => {
    fc.assert(
      fc.property(queryText, limits, (text, queryLimits) => {
        let node: QueryNode | null;
        try {
          node = parseQuery(text, queryLimits);
        } catch (error) {
          expect(error).toBeInstanceOf(QuerySyntaxError);
          const { position } = error as QuerySyntaxError;
          expect(Number.isInteger(position)).toBe(true);
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(text.length);
          return;
        }
        if (node === null) return;
        expectSpansNested(node, { start: 0, end: text.length });
        // Whatever parses, prints to text that parses back to the same tree.
        const reparsed = parseQuery(printQuery(node), { maxLength: 100_000, maxDepth: 100 });
        expect(reparsed && stripSpans(reparsed)).toEqual(stripSpans(node));
      }),
      { numRuns: 2000 },
    );
  });
});

// ---- (b), (c) arbitrary valid trees: print, parse back, print again -------------------------

const wordStart = fc.constantFrom(
  ...['a', 'k', 'z', 'A', 'Q', 'é', 'ö', 'Ü', 'ñ', 'ç', 'ß', 'ø', 'Ж', 'λ', '日', 'ק', 'ก', '𠀀'],
  ...['e\u0301', '0', '7', '.', '+', '#', '@', '_', "'", '’', '/', '&'],
);
const segment = fc.array(wordStart, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
const plainWord = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .chain((segments) =>
    fc
      .array(fc.constantFrom('-', '--'), {
        minLength: segments.length - 1,
        maxLength: segments.length - 1,
      })
      .map((hyphens) => segments.map((s, i) => (i === 0 ? s : `${hyphens[i - 1]}${s}`)).join('')),
  )
  // A word needs a letter or digit, and the upper-case operators are never words.
  .filter((word) => /[\p{L}\p{N}]/u.test(word) && !['AND', 'OR', 'NOT'].includes(word));
const colonWord = fc.oneof(
  plainWord.map((w) => `https://${w}`),
  fc.tuple(plainWord, plainWord).map(([a, b]) => `mailto:${a}@${b}`),
  fc.tuple(fc.nat(99), fc.nat(99)).map(([h, m]) => `${h}:${m}`),
);
const termValue = fc.oneof(
  { weight: 5, arbitrary: plainWord },
  { weight: 1, arbitrary: colonWord },
);

const phraseWord = fc
  .array(
    fc.oneof(
      wordStart,
      fc.constantFrom('"', '“', '”', '„', '\\', '(', ')', ':', '*', '-', '!', '|', 'AND', '🙂'),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((chars) => chars.join(''));
const phraseValue = fc
  .array(phraseWord, { minLength: 1, maxLength: 4 })
  .map((words) => words.join(' '));

const field = fc.constantFrom(null, ...SEARCH_FIELDS);

const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.record({
    kind: fc.constant('term' as const),
    value: termValue,
    field,
    prefix: fc.boolean(),
    span: fc.constant(NO_SPAN),
  }),
  fc.record({
    kind: fc.constant('phrase' as const),
    value: phraseValue,
    field,
    span: fc.constant(NO_SPAN),
  }),
);

/** and/or with the ast.ts invariants: two or more children, never directly nesting its kind. */
function junction(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  return {
    kind,
    children: children.flatMap((child) => (child.kind === kind ? child.children : [child])),
    span: NO_SPAN,
  };
}

// Depth 4 keeps the printed nesting within the default maxDepth of 10.
const { tree } = fc.letrec<{ tree: QueryNode }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'tree' },
    leaf,
    fc
      .array(tie('tree'), { minLength: 2, maxLength: 4, depthIdentifier: 'tree' })
      .map((children) => junction('and', children)),
    fc
      .array(tie('tree'), { minLength: 2, maxLength: 4, depthIdentifier: 'tree' })
      .map((children) => junction('or', children)),
    tie('tree').map((child): QueryNode => ({ kind: 'not', child, span: NO_SPAN })),
  ),
}));

function reparse(text: string): QueryNode {
  const node = parseQuery(text, { maxLength: 100_000 });
  if (node === null) throw new Error(`${JSON.stringify(text)} parsed to nothing`);
  return node;
}

describe('printQuery and parseQuery on arbitrary trees', () => {
  it('parses the printed text back to the same tree', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        expect(stripSpans(reparse(printQuery(ast)))).toEqual(stripSpans(ast));
      }),
      { numRuns: 1500 },
    );
  });

  it('prints idempotently', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        const printed = printQuery(ast);
        expect(printQuery(reparse(printed))).toBe(printed);
      }),
      { numRuns: 1500 },
    );
  });
});
