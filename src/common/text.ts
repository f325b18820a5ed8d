/**
 * Text folding shared by indexing, querying, lookups and highlighting, so all of them agree on
 * what "the same word" is: case-insensitive and accent-insensitive ("José" = "jose").
 */

// Diacritics are dropped only from alphabetic scripts; in kana or Devanagari the combining
// marks change the letter itself (ジ is not シ), so they are kept and recomposed.
const ACCENTED = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/** Lower-case and strip diacritics ("Zoë Müller" → "zoe muller"). Length may change. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(ACCENTED, '$1').normalize('NFC').toLowerCase();
}

/**
 * Characters that belong inside a word: letters and digits of any script, and the joiners
 * recruiters type inside skills and addresses (c++, c#, node.js, o'brien, r&d, a_b, x@y.io).
 */
const WORD = /[\p{L}\p{N}]+(?:[.+#@_'&/-]*[\p{L}\p{N}+#]+)*[+#]*/gu;

export interface Token {
  /** Folded word. */
  word: string;
  /** Offsets of the word in the original text: [start, end). */
  start: number;
  end: number;
}

/** Splits text into folded words, remembering where each came from (for highlights). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    if (word) tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Folded words only. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.word);
}

/** A key for exact matching of names and labels: folded, whitespace collapsed, trimmed. */
export function normalizeKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}
