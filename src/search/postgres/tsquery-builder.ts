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

/**
 * The tsquery relevance is computed with (against rank_tsv, see tsvector-builder): every word the
 * query asks for, unscoped and OR-ed, so each contributes by the weight of the fields it is found
 * in. Words under NOT and `resume:` words (rank_tsv has no resume) do not count. Null when no
 * word counts: every match then ranks alike.
 */
export function buildRankTsquery(node: QueryNode | null): string | null {
  const lexemes = new Set<string>();
  const visit = (n: QueryNode): void => {
    switch (n.kind) {
      case 'term':
      case 'phrase': {
        if (n.field === 'resume') return;
        const tokens = words(n.value);
        tokens.forEach((token, i) => {
          const prefix = n.kind === 'term' && n.prefix && i === tokens.length - 1;
          lexemes.add(prefix ? `${quoteLexeme(token)}:*` : quoteLexeme(token));
        });
        return;
      }
      case 'and':
      case 'or':
        n.children.forEach(visit);
        return;
      case 'not':
        return;
    }
  };
  if (node) visit(node);
  return lexemes.size === 0 ? null : [...lexemes].join(' | ');
}
