import { SEARCH_FIELDS, type SearchField } from './ast';
import { QuerySyntaxError } from './query-syntax-error';

/**
 * Splits a query into tokens with [start, end) UTF-16 offsets, in one left-to-right pass.
 *
 * Lexical rules (the parser relies on them, printQuery mirrors them):
 * - A word is a run of letters (any script, with combining marks), digits and `. + # @ _ ' ’ / &`
 *   that contains at least one letter or digit (so `R & D` is two words, not three); hyphens
 *   join such runs (`front-end`, `e-commerce`) but never start or end a word.
 * - `AND`, `OR`, `NOT` in upper case are operators; any other casing is a plain word.
 * - `-` is negation only when directly followed by a word, a quote, `(` or another `-`.
 * - `word*` is a prefix term; `*` anywhere else is an error.
 * - `field:` (case-insensitive, one of SEARCH_FIELDS) scopes what directly follows it.
 *   Any other `x:` is part of the word when the word is URL-like (`https://…`, `x://`) or
 *   e-mail-like (contains `@`), or when `x` is not a plain name (`9:30`, `c3po:x`);
 *   otherwise it is an "Unknown field" error.
 * - Phrases are quoted with `"` (or the typographic `“ ” „` pasted from documents); inside,
 *   `\"` and `\\` are escapes, any other backslash is literal; whitespace is collapsed.
 * - Whitespace and other punctuation or symbols (`,` `;` `?` emoji…) separate words, except
 *   `|`, `&&` and a `!` directly before a word: operators from other syntaxes, which get a hint.
 */

interface Located {
  start: number;
  end: number;
}

export type FieldToken = Located & { kind: 'field'; field: SearchField };
/** `AND`, `OR`, `NOT` and negating `-`: each needs an operand after it. */
export type OperatorToken = Located & { kind: 'and' | 'or' | 'not' | 'minus' };

export type Token =
  | (Located & { kind: 'word'; value: string; prefix: boolean })
  | (Located & { kind: 'phrase'; value: string })
  | (Located & { kind: 'lparen' | 'rparen' })
  | FieldToken
  | OperatorToken;

// Combining marks continue a word but never start one (an emoji's U+FE0F is not a word).
const STARTS = String.raw`\p{L}\p{N}.+#@_'’\/&`;
const CONTINUES = String.raw`${STARTS}\p{M}`;
// Sticky regexes: each match starts exactly at lastIndex, so scanning stays a single pass.
const WORD = new RegExp(
  String.raw`[${STARTS}][${CONTINUES}]*(?:-+[${STARTS}][${CONTINUES}]*)*`,
  'uy',
);
const WORD_START = new RegExp(`[${STARTS}]`, 'uy');
/** The rest of a URL- or e-mail-like word after its first colon. */
const COLON_TAIL = new RegExp(String.raw`(?:[-:]+[${STARTS}][${CONTINUES}]*)*`, 'uy');
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A word before `:` that can only have been meant as a field name. */
const FIELD_LIKE = /^[\p{L}\p{M}_-]+$/u;
const WHITESPACE = /\s/u;
export const QUOTE_CHARS = '"“”„';
// A Map, not an object literal: `constructor` or `toString` must not find Object.prototype.
const KEYWORDS: ReadonlyMap<string, 'and' | 'or' | 'not'> = new Map([
  ['AND', 'and'],
  ['OR', 'or'],
  ['NOT', 'not'],
]);

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text.charAt(pos);
    if (WHITESPACE.test(ch)) {
      pos += 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', start: pos, end: pos + 1 });
      pos += 1;
    } else if (ch === '-') {
      if (!startsOperand(text, pos + 1)) {
        throw new QuerySyntaxError(
          `"-" at position ${pos} must be written directly before what it excludes, as in -intern`,
          pos,
        );
      }
      tokens.push({ kind: 'minus', start: pos, end: pos + 1 });
      pos += 1;
    } else if (isQuote(ch)) {
      const phrase = readPhrase(text, pos);
      tokens.push(phrase);
      pos = phrase.end;
    } else {
      const word = matchAt(WORD, text, pos);
      if (word === null) pos = skipOther(text, pos);
      else if (HAS_LETTER_OR_DIGIT.test(word)) pos = readWord(text, pos, word, tokens);
      else pos = skipSymbols(word, pos);
    }
  }
  return tokens;
}

/** True when `value` prints as a bare word that lexes back to exactly that word. */
export function isPlainWord(value: string): boolean {
  try {
    const [only, ...rest] = lex(value);
    return only?.kind === 'word' && !only.prefix && only.value === value && rest.length === 0;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return false;
    throw error;
  }
}

/** Pushes the word (or field, or operator) starting at `start`; returns where lexing resumes. */
function readWord(text: string, start: number, head: string, tokens: Token[]): number {
  let value = head;
  let end = start + head.length;
  if (text.charAt(end) === ':') {
    const field = fieldNamed(head);
    if (field !== null) {
      tokens.push({ kind: 'field', field, start, end: end + 1 });
      return end + 1;
    }
    value = head + (matchAt(COLON_TAIL, text, end) ?? '');
    const urlLike = text.startsWith('//', end + 1);
    if (!urlLike && !value.includes('@') && FIELD_LIKE.test(head)) {
      throw new QuerySyntaxError(
        `Unknown field "${head}" at position ${start}; use one of ${SEARCH_FIELDS.join(', ')}`,
        start,
      );
    }
    end = start + value.length;
  } else {
    const keyword = KEYWORDS.get(head);
    if (keyword !== undefined) {
      tokens.push({ kind: keyword, start, end });
      return end;
    }
  }
  const prefix = text.charAt(end) === '*';
  if (prefix) checkAfterStar(text, end);
  tokens.push({ kind: 'word', value, prefix, start, end: prefix ? end + 1 : end });
  return prefix ? end + 1 : end;
}

function checkAfterStar(text: string, star: number): void {
  const next = text.charAt(star + 1);
  if (next === '*') throw starMustFollowWord(star + 1);
  if (next === '-' || next === ':' || matchAt(WORD_START, text, star + 1) !== null) {
    throw new QuerySyntaxError(`"*" can only end a word (position ${star})`, star);
  }
}

function readPhrase(text: string, start: number): Token {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (isQuote(ch)) {
      const normalized = value.replace(/\s+/gu, ' ').trim();
      if (normalized === '') {
        throw new QuerySyntaxError(`Empty phrase at position ${start}`, start);
      }
      return { kind: 'phrase', value: normalized, start, end: i + 1 };
    }
    const next = text.charAt(i + 1);
    if (ch === '\\' && (next === '\\' || isQuote(next))) {
      value += next;
      i += 2;
    } else {
      value += ch;
      i += 1;
    }
  }
  throw new QuerySyntaxError(`Unclosed quote starting at position ${start}`, start);
}

/** A run of word symbols without a letter or digit (`&`, `/`, `+`) separates words. */
function skipSymbols(run: string, start: number): number {
  if (run === '&&')
    throw new QuerySyntaxError(`Unexpected "&&" at position ${start}; use AND`, start);
  return start + run.length;
}

/** Characters that are neither words nor syntax: mostly separators, a few get a hint. */
function skipOther(text: string, pos: number): number {
  const ch = text.charAt(pos);
  if (ch === '*') throw starMustFollowWord(pos);
  if (ch === ':') {
    throw new QuerySyntaxError(
      `":" at position ${pos} must follow a field name, as in title:engineer`,
      pos,
    );
  }
  if (ch === '|') throw new QuerySyntaxError(`Unexpected "|" at position ${pos}; use OR`, pos);
  if (ch === '!' && startsOperand(text, pos + 1)) {
    throw new QuerySyntaxError(`Unexpected "!" at position ${pos}; use NOT or -`, pos);
  }
  // Step over a whole code point so a sticky /u regex never starts inside a surrogate pair.
  return pos + ((text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1);
}

function startsOperand(text: string, pos: number): boolean {
  const ch = text.charAt(pos);
  return ch === '(' || ch === '-' || isQuote(ch) || matchAt(WORD_START, text, pos) !== null;
}

function starMustFollowWord(pos: number): QuerySyntaxError {
  return new QuerySyntaxError(`"*" must follow a word (position ${pos})`, pos);
}

function isQuote(ch: string): boolean {
  return ch !== '' && QUOTE_CHARS.includes(ch);
}

function fieldNamed(name: string): SearchField | null {
  const lower = name.toLowerCase();
  return SEARCH_FIELDS.find((field) => field === lower) ?? null;
}

function matchAt(pattern: RegExp, text: string, pos: number): string | null {
  pattern.lastIndex = pos;
  return pattern.exec(text)?.[0] ?? null;
}
