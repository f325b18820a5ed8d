import { assertNever } from '../../common/errors';
import type { QueryNode, SearchField } from './ast';
import { QUOTE_CHARS, isPlainWord } from './lexer';

const ESCAPED_IN_PHRASE = new RegExp(`[\\\\${QUOTE_CHARS}]`, 'g');

/**
 * Canonical text for a tree: parseQuery(printQuery(tree)) gives the same tree (spans aside).
 * Writes `AND` and `NOT` explicitly, parenthesizes only where precedence (NOT > AND > OR)
 * needs it, and gives every word and phrase its own `field:` (so `title:(a OR b)` prints as
 * `title:a OR title:b`).
 *
 * Expects a tree parseQuery could have produced (ast.ts invariants); a term that cannot be
 * written as a bare word or a blank phrase is a programming error and throws.
 */
export function printQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `${fieldPrefix(node.field)}${printWord(node.value)}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `${fieldPrefix(node.field)}${printPhrase(node.value)}`;
    case 'not':
      return `NOT ${printOperand(node.child, node.child.kind === 'and' || node.child.kind === 'or')}`;
    case 'and':
      return node.children
        .map((child) => printOperand(child, child.kind === 'and' || child.kind === 'or'))
        .join(' AND ');
    case 'or':
      return node.children.map((child) => printOperand(child, child.kind === 'or')).join(' OR ');
    default:
      return assertNever(node, 'query node');
  }
}

function printOperand(node: QueryNode, parenthesize: boolean): string {
  return parenthesize ? `(${printQuery(node)})` : printQuery(node);
}

function fieldPrefix(field: SearchField | null): string {
  return field === null ? '' : `${field}:`;
}

function printWord(value: string): string {
  if (!isPlainWord(value)) {
    throw new Error(`printQuery: the term ${JSON.stringify(value)} cannot be written as a word`);
  }
  return value;
}

function printPhrase(value: string): string {
  if (value.trim() === '') throw new Error('printQuery: a phrase cannot be blank');
  return `"${value.replace(ESCAPED_IN_PHRASE, (ch) => `\\${ch}`)}"`;
}
