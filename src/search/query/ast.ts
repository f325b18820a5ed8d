/**
 * The Boolean query language's syntax tree. The parser (parse-query.ts) is the only producer;
 * each engine translates it (never the raw text). Spans are [start, end) character offsets
 * into the original query, for error messages and highlights.
 */

/** Field scopes a recruiter may write as `field:term` or `field:"a phrase"`. */
export const SEARCH_FIELDS = [
  'title',
  'company',
  'school',
  'skill',
  'location',
  'name',
  'email',
  'resume',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface Span {
  start: number;
  end: number;
}

/** A single word; `prefix` when written as `word*`. `value` is as typed (engines fold case/accents). */
export interface TermNode {
  kind: 'term';
  value: string;
  field: SearchField | null;
  prefix: boolean;
  span: Span;
}

/** A quoted phrase: its words must appear together, in order. */
export interface PhraseNode {
  kind: 'phrase';
  value: string;
  field: SearchField | null;
  span: Span;
}

/** Every child must match. Always at least two children; never directly nests another `and`. */
export interface AndNode {
  kind: 'and';
  children: QueryNode[];
  span: Span;
}

/** Any child must match. Always at least two children; never directly nests another `or`. */
export interface OrNode {
  kind: 'or';
  children: QueryNode[];
  span: Span;
}

/** `NOT x` or `-x`. */
export interface NotNode {
  kind: 'not';
  child: QueryNode;
  span: Span;
}

export type QueryNode = TermNode | PhraseNode | AndNode | OrNode | NotNode;
