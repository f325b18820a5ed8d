import type {
  AndNode,
  NotNode,
  OrNode,
  PhraseNode,
  QueryNode,
  SearchField,
  TermNode,
} from '../../../src/search/query/ast';

/**
 * Query trees written by hand, so the contract suite does not depend on the parser. Spans are
 * not used by engines for matching; they are all zero here.
 */

const span = { start: 0, end: 0 };

export function term(value: string, field: SearchField | null = null): TermNode {
  return { kind: 'term', value, field, prefix: false, span };
}

/** `value*` */
export function prefix(value: string, field: SearchField | null = null): TermNode {
  return { kind: 'term', value, field, prefix: true, span };
}

export function phrase(value: string, field: SearchField | null = null): PhraseNode {
  return { kind: 'phrase', value, field, span };
}

export function and(...children: QueryNode[]): AndNode {
  return { kind: 'and', children, span };
}

export function or(...children: QueryNode[]): OrNode {
  return { kind: 'or', children, span };
}

/** `NOT x` and `-x` alike. */
export function not(child: QueryNode): NotNode {
  return { kind: 'not', child, span };
}
