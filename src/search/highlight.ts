import { tokenize, words, type Token } from '../common/text';
import type { CandidateDocument } from './candidate-document';
import type { QueryNode, SearchField } from './query/ast';
import type { Highlight } from './search-types';

/**
 * Highlights computed in our code from the document and the query, with the tokenizer used for
 * matching, so the marked words are exactly the ones that matched (accents and case included).
 */

interface Needle {
  tokens: string[];
  prefix: boolean;
  field: SearchField | null;
}

/** Which document fields are highlighted, and which scope each belongs to. */
const HIGHLIGHTED: {
  field: string;
  scope: SearchField | null;
  read: (d: CandidateDocument) => string[];
}[] = [
  { field: 'fullName', scope: 'name', read: (d) => [d.fullName] },
  { field: 'currentTitle', scope: 'title', read: (d) => (d.currentTitle ? [d.currentTitle] : []) },
  {
    field: 'currentCompany',
    scope: 'company',
    read: (d) => (d.currentCompany ? [d.currentCompany] : []),
  },
  { field: 'headline', scope: null, read: (d) => (d.headline ? [d.headline] : []) },
  { field: 'skills', scope: 'skill', read: (d) => d.skills },
  { field: 'pastTitles', scope: 'title', read: (d) => d.pastTitles },
  { field: 'pastCompanies', scope: 'company', read: (d) => d.pastCompanies },
  { field: 'schools', scope: 'school', read: (d) => d.schools },
  { field: 'location', scope: 'location', read: (d) => (d.location ? [d.location] : []) },
  { field: 'emails', scope: 'email', read: (d) => d.emails },
  { field: 'resumeText', scope: 'resume', read: (d) => (d.resumeText ? [d.resumeText] : []) },
];

/** Long values (resumes) are cut into fragments of about this many characters around matches. */
const FRAGMENT_CHARS = 160;
const MAX_FRAGMENTS = 3;

/** Terms and phrases that can make a candidate match (negated parts are never highlighted). */
export function positiveNeedles(node: QueryNode | null): Needle[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
      return [{ tokens: words(node.value), prefix: node.prefix, field: node.field }];
    case 'phrase':
      return [{ tokens: words(node.value), prefix: false, field: node.field }];
    case 'and':
    case 'or':
      return node.children.flatMap(positiveNeedles);
    case 'not':
      return [];
  }
}

export function highlightDocument(
  document: CandidateDocument,
  query: QueryNode | null,
): Highlight[] {
  const needles = positiveNeedles(query).filter((n) => n.tokens.length > 0);
  if (needles.length === 0) return [];
  const highlights: Highlight[] = [];
  for (const spec of HIGHLIGHTED) {
    const applicable = needles.filter((n) => n.field === null || n.field === spec.scope);
    if (applicable.length === 0) continue;
    const snippets: string[] = [];
    for (const value of spec.read(document)) {
      const tokens = tokenize(value);
      const marks = findMatches(tokens, applicable);
      if (marks.length === 0) continue;
      snippets.push(...render(value, tokens, marks, spec.field === 'resumeText'));
    }
    if (snippets.length > 0) highlights.push({ field: spec.field, snippets });
  }
  return highlights;
}

/** Token index ranges [first, last] that match a needle. */
function findMatches(tokens: Token[], needles: Needle[]): [number, number][] {
  const marks: [number, number][] = [];
  for (const needle of needles) {
    const n = needle.tokens.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const word = tokens[i + j]?.word ?? '';
        const want = needle.tokens[j] ?? '';
        ok = needle.prefix && j === n - 1 ? word.startsWith(want) : word === want;
      }
      if (ok) marks.push([i, i + n - 1]);
    }
  }
  return marks.sort((a, b) => a[0] - b[0]);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function render(
  value: string,
  tokens: Token[],
  marks: [number, number][],
  fragment: boolean,
): string[] {
  const spans = marks.map(
    ([first, last]) => [tokens[first]?.start ?? 0, tokens[last]?.end ?? 0] as const,
  );
  if (!fragment) return [mark(value, 0, value.length, spans)];
  const fragments: string[] = [];
  let coveredUntil = -1;
  for (const [start] of spans) {
    if (fragments.length >= MAX_FRAGMENTS) break;
    if (start < coveredUntil) continue;
    const from = Math.max(0, start - FRAGMENT_CHARS / 2);
    const to = Math.min(value.length, from + FRAGMENT_CHARS);
    coveredUntil = to;
    const body = mark(value, from, to, spans).replace(/\s+/g, ' ').trim();
    fragments.push(`${from > 0 ? '…' : ''}${body}${to < value.length ? '…' : ''}`);
  }
  return fragments;
}

function mark(
  value: string,
  from: number,
  to: number,
  spans: readonly (readonly [number, number])[],
): string {
  let out = '';
  let cursor = from;
  for (const [start, end] of spans) {
    if (end <= cursor || start >= to) continue;
    const s = Math.max(start, cursor);
    const e = Math.min(end, to);
    out += `${escapeHtml(value.slice(cursor, s))}<em>${escapeHtml(value.slice(s, e))}</em>`;
    cursor = e;
  }
  return out + escapeHtml(value.slice(cursor, to));
}
