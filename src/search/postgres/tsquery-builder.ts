import { words } from '../../common/text';
import type { QueryNode, SearchField } from '../query/ast';
import { FIELD_CODES, quoteLexeme, RESUME_WEIGHT } from './tsvector-builder';

/**
 * Translates the query AST into PostgreSQL tsquery input syntax, with the tokenizer the
 * tsvector was built with. Pure. Returns null when nothing in the query is searchable
 * (e.g. only punctuation), which means "match everything".
 */
export function buildTsquery(node: QueryNode | null): string | null {
  if (!node) return null;
  switch (node.kind) {
    case 'term': {
      const tokens = words(node.value);
      if (tokens.length === 0) return null;
      if (tokens.length > 1) return phrase(tokens, node.field, node.prefix);
      return lexeme(tokens[0] ?? '', node.field, node.prefix);
    }
    case 'phrase': {
      const tokens = words(node.value);
      if (tokens.length === 0) return null;
      return phrase(tokens, node.field, false);
    }
    case 'and':
    case 'or': {
      const parts = node.children.map(buildTsquery).filter((p): p is string => p !== null);
      if (parts.length === 0) return null;
      if (parts.length === 1) return parts[0] ?? null;
      return `(${parts.join(node.kind === 'and' ? ' & ' : ' | ')})`;
    }
    case 'not': {
      const inner = buildTsquery(node.child);
      return inner === null ? null : `!${inner}`;
    }
  }
}

function lexeme(word: string, field: SearchField | null, prefix: boolean): string {
  if (field === 'resume') return `${quoteLexeme(word)}:${prefix ? '*' : ''}${RESUME_WEIGHT}`;
  const text = quoteLexeme((field ? FIELD_CODES[field] : '') + word);
  return prefix ? `${text}:*` : text;
}

function phrase(tokens: string[], field: SearchField | null, prefixLast: boolean): string {
  const last = tokens.length - 1;
  return `(${tokens.map((t, i) => lexeme(t, field, prefixLast && i === last)).join(' <-> ')})`;
}
