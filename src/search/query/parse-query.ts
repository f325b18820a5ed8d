import type { QueryNode } from './ast';
import { lex, type FieldToken, type OperatorToken, type Token } from './lexer';
import { QuerySyntaxError } from './query-syntax-error';

/** What a query may cost to parse (and, through the tree's size, to run). */
export interface QueryLimits {
  /** Longest accepted query, in UTF-16 code units. Default 1000. */
  maxLength?: number;
  /**
   * Deepest nesting: every `(`, `field:(`, `NOT` and `-` opens a level. Default 10, at most
   * 100 (the parser recurses once per level, and engines recurse over the tree).
   */
  maxDepth?: number;
}

export const DEFAULT_QUERY_LIMITS = { maxLength: 1000, maxDepth: 10 } as const;
const MAX_DEPTH_CEILING = 100;

/**
 * Parses the Boolean query language (API.md, "Boolean query syntax") into a QueryNode, or null
 * when the query has no terms at all. Grammar, loosest binding first:
 *
 *   query   := or EOF
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*          adjacent operands are AND-ed
 *   unary   := ("NOT" | "-")* primary
 *   primary := word | phrase | "(" or ")" | field: (word | phrase | "(" or ")")
 *
 * A field before a group applies to every word and phrase inside it; same-kind and/or nodes
 * are flattened; a group of one element is that element. Every node's span covers the source
 * it was parsed from, including its parentheses and field prefix.
 *
 * @throws QuerySyntaxError for anything malformed, with the offending position.
 */
export function parseQuery(text: string, limits: QueryLimits = {}): QueryNode | null {
  const maxLength = checkLimit('maxLength', limits.maxLength, DEFAULT_QUERY_LIMITS.maxLength);
  const maxDepth = checkLimit(
    'maxDepth',
    limits.maxDepth,
    DEFAULT_QUERY_LIMITS.maxDepth,
    MAX_DEPTH_CEILING,
  );
  if (text.length > maxLength) {
    throw new QuerySyntaxError(
      `Query is too long (${formatCount(text.length)} characters; the limit is ${formatCount(maxLength)})`,
      maxLength,
    );
  }
  const tokens = lex(text);
  if (tokens.length === 0) return null;
  return new QueryParser(tokens, text.length, maxDepth).parse();
}

type EofToken = { kind: 'eof'; start: number; end: number };
type ParserToken = Token | EofToken;
type NonEmpty<T> = [T, ...T[]];

interface Context {
  /** Nesting levels opened so far (see QueryLimits.maxDepth). */
  depth: number;
  /** The `(` whose group is being parsed; null at the top level. */
  group: ParserToken | null;
  /** The `field:` applied to every word inside the current group, if any. */
  scope: FieldToken | null;
}

/** Recursive descent over the token list; each token is looked at a bounded number of times. */
class QueryParser {
  private index = 0;
  private readonly eof: EofToken;

  constructor(
    private readonly tokens: readonly Token[],
    textLength: number,
    private readonly maxDepth: number,
  ) {
    this.eof = { kind: 'eof', start: textLength, end: textLength };
  }

  parse(): QueryNode {
    const node = this.parseOr({ depth: 0, group: null, scope: null });
    const rest = this.peek();
    // parseOr stops only at the end or at a ")" that no group opened.
    if (rest.kind !== 'eof') {
      throw new QuerySyntaxError(`Unexpected ")" at position ${rest.start}`, rest.start);
    }
    return node;
  }

  private parseOr(ctx: Context): QueryNode {
    const children: NonEmpty<QueryNode> = [this.parseAnd(ctx, null)];
    for (let op = this.peek(); op.kind === 'or'; op = this.peek()) {
      this.index += 1;
      children.push(this.parseAnd(ctx, op));
    }
    return combine('or', children);
  }

  private parseAnd(ctx: Context, after: OperatorToken | null): QueryNode {
    const children: NonEmpty<QueryNode> = [this.parseUnary(ctx, after)];
    for (;;) {
      const next = this.peek();
      if (next.kind === 'and') {
        this.index += 1;
        children.push(this.parseUnary(ctx, next));
      } else if (startsOperand(next)) {
        children.push(this.parseUnary(ctx, null));
      } else {
        return combine('and', children);
      }
    }
  }

  /** Negations are collected in a loop, not by recursion, so long `NOT NOT …` chains are cheap. */
  private parseUnary(ctx: Context, after: OperatorToken | null): QueryNode {
    const negations: OperatorToken[] = [];
    let depth = ctx.depth;
    let cause = after;
    for (let next = this.peek(); next.kind === 'not' || next.kind === 'minus'; next = this.peek()) {
      depth += 1;
      if (depth > this.maxDepth) throw this.tooDeep(next);
      this.index += 1;
      negations.push(next);
      cause = next;
    }
    const operand = this.parsePrimary({ ...ctx, depth }, cause);
    return negations.reduceRight<QueryNode>(
      (child, op) => ({ kind: 'not', child, span: { start: op.start, end: child.span.end } }),
      operand,
    );
  }

  private parsePrimary(ctx: Context, after: OperatorToken | null): QueryNode {
    const next = this.peek();
    const field = ctx.scope?.field ?? null;
    switch (next.kind) {
      case 'word':
        this.index += 1;
        return { kind: 'term', value: next.value, field, prefix: next.prefix, span: spanOf(next) };
      case 'phrase':
        this.index += 1;
        return { kind: 'phrase', value: next.value, field, span: spanOf(next) };
      case 'lparen':
        return this.parseGroup(ctx, next);
      case 'field':
        return this.parseScoped(ctx, next);
      default:
        throw missingOperand(next, after, ctx);
    }
  }

  /** `field:word`, `field:"phrase"` or `field:(group)`: the field must touch what it scopes. */
  private parseScoped(ctx: Context, scope: FieldToken): QueryNode {
    if (ctx.scope !== null) throw doubleScope(scope, ctx.scope);
    this.index += 1;
    const target = this.peek();
    const span = { start: scope.start, end: target.end };
    if (target.start !== scope.end) throw fieldNeedsTarget(scope);
    switch (target.kind) {
      case 'word':
        this.index += 1;
        return {
          kind: 'term',
          value: target.value,
          field: scope.field,
          prefix: target.prefix,
          span,
        };
      case 'phrase':
        this.index += 1;
        return { kind: 'phrase', value: target.value, field: scope.field, span };
      case 'lparen': {
        const group = this.parseGroup({ ...ctx, scope }, target);
        return withSpan(group, scope.start, group.span.end);
      }
      case 'field':
        throw doubleScope(target, scope);
      default:
        throw fieldNeedsTarget(scope);
    }
  }

  private parseGroup(ctx: Context, open: ParserToken): QueryNode {
    const depth = ctx.depth + 1;
    if (depth > this.maxDepth) throw this.tooDeep(open);
    this.index += 1;
    if (this.peek().kind === 'rparen') {
      throw new QuerySyntaxError(`Empty parentheses at position ${open.start}`, open.start);
    }
    const inner = this.parseOr({ depth, group: open, scope: ctx.scope });
    const close = this.peek();
    if (close.kind !== 'rparen') throw unbalanced(open);
    this.index += 1;
    return withSpan(inner, open.start, close.end);
  }

  private peek(): ParserToken {
    return this.tokens[this.index] ?? this.eof;
  }

  private tooDeep(at: ParserToken): QuerySyntaxError {
    return new QuerySyntaxError(
      `Query is nested too deeply (more than ${this.maxDepth} level${this.maxDepth === 1 ? '' : 's'}) at position ${at.start}`,
      at.start,
    );
  }
}

function startsOperand(token: ParserToken): boolean {
  switch (token.kind) {
    case 'word':
    case 'phrase':
    case 'field':
    case 'lparen':
    case 'not':
    case 'minus':
      return true;
    default:
      return false;
  }
}

/** Builds an and/or node, flattening same-kind children; a single child stands for itself. */
function combine(kind: 'and' | 'or', children: NonEmpty<QueryNode>): QueryNode {
  const [first] = children;
  if (children.length === 1) return first;
  const last = children[children.length - 1] ?? first;
  return {
    kind,
    children: children.flatMap((child) => (child.kind === kind ? child.children : [child])),
    span: { start: first.span.start, end: last.span.end },
  };
}

function withSpan(node: QueryNode, start: number, end: number): QueryNode {
  return { ...node, span: { start, end } };
}

function spanOf(token: Token): { start: number; end: number } {
  return { start: token.start, end: token.end };
}

/** The error for a place that needed an operand (a word, phrase or group) and found `token`. */
function missingOperand(
  token: ParserToken,
  after: OperatorToken | null,
  ctx: Context,
): QuerySyntaxError {
  const at = token.start;
  if (token.kind === 'and' || token.kind === 'or') {
    if (after === null) {
      return new QuerySyntaxError(`${label(token)} at position ${at} has nothing before it`, at);
    }
    return new QuerySyntaxError(
      `Two operators in a row: ${label(after)} at position ${after.start} and ${label(token)} at position ${at}`,
      at,
    );
  }
  if (after !== null) {
    return new QuerySyntaxError(
      `${label(after)} at position ${after.start} has nothing after it`,
      after.start,
    );
  }
  if (token.kind === 'eof' && ctx.group !== null) return unbalanced(ctx.group);
  return new QuerySyntaxError(`Unexpected ")" at position ${at}`, at);
}

function label(op: OperatorToken): string {
  switch (op.kind) {
    case 'and':
      return '"AND"';
    case 'or':
      return '"OR"';
    case 'not':
      return 'NOT';
    case 'minus':
      return '"-"';
  }
}

function unbalanced(open: ParserToken): QuerySyntaxError {
  return new QuerySyntaxError(
    `Unbalanced parenthesis: "(" at position ${open.start} is never closed`,
    open.start,
  );
}

function fieldNeedsTarget(scope: FieldToken): QuerySyntaxError {
  return new QuerySyntaxError(
    `"${scope.field}:" at position ${scope.start} must be directly followed by a word, a "phrase" or a (group), as in ${scope.field}:engineer`,
    scope.start,
  );
}

function doubleScope(inner: FieldToken, outer: FieldToken): QuerySyntaxError {
  return new QuerySyntaxError(
    `"${inner.field}:" at position ${inner.start} cannot be used inside "${outer.field}:" at position ${outer.start}; a word can have only one field`,
    inner.start,
  );
}

function checkLimit(
  name: string,
  value: number | undefined,
  fallback: number,
  ceiling = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  // A programming error, not bad user input: fail loudly rather than parse without a limit.
  if (!Number.isInteger(value) || value < 1 || value > ceiling) {
    throw new RangeError(`parseQuery: ${name} must be an integer from 1 to ${ceiling}`);
  }
  return value;
}

/** 1234 -> "1,234", without depending on the runtime's locale data. */
function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
