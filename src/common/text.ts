/**
 * Text folding shared by indexing, querying, lookups and highlighting, so all of them agree on
 * what "the same word" is: case-insensitive and accent-insensitive ("José" = "jose").
 */

// Diacritics are dropped only from alphabetic scripts; in kana or Devanagari the combining
// marks change the letter itself (ジ is not シ), so they are kept and recomposed.
const ACCENTED = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/** Lower-case and strip diacritics ("Zoë Müller" → "zoe muller"). Length may change. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most recruiting text is plain ASCII, or ASCII with a few dashes and accented names (every
  // resume has an en dash): only the non-ASCII runs go through Unicode normalization, which is
  // the hot path of indexing when done on a whole resume.
  if (ASCII.test(lower)) return lower;
  return lower.replace(NON_ASCII_RUN, foldRun);
}

/**
 * A run of non-ASCII characters with the character before it, which a combining mark in the
 * run may belong to ("e" + U+0301).
 */
// eslint-disable-next-line no-control-regex
const NON_ASCII_RUN = /[\x00-\x7f]?[^\x00-\x7f]+/g;

function foldRun(run: string): string {
  return (
    run
      .normalize('NFKD')
      .replace(ACCENTED, '$1')
      .normalize('NFC')
      // Again: compatibility forms decompose to capitals (ℌ → H).
      .toLowerCase()
      .replace(UNDECOMPOSABLE, (ch) => TRANSLITERATION[ch] ?? ch)
  );
}

/** Latin letters that are not "letter + accent" in Unicode, written as recruiters type them. */
export const TRANSLITERATION: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  '\u2019': "'",
};
const UNDECOMPOSABLE = /[øæœßłđðþı\u2019]/g;

// Printable or not, any character below 0x80 needs no Unicode folding.
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Characters that belong inside a word: letters and digits of any script, and the joiners
 * recruiters type inside skills and addresses (c++, c#, node.js, o'brien, r&d, a_b, x@y.io).
 */
const WORD = /[\p{L}\p{N}]+(?:[.+#@_'\u2019&/-]*[\p{L}\p{N}+#]+)*[+#]*/gu;

/**
 * Longer "words" are not words (base64 blobs, hashes pasted into a resume): they are skipped
 * everywhere, so no engine chokes on them (PostgreSQL rejects lexemes over 2 KB).
 */
export const MAX_WORD_LENGTH = 200;

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
    if (word && word.length <= MAX_WORD_LENGTH)
      tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/**
 * Folded words only (no offsets): the whole text is folded once, then split. Folding never
 * turns a word character into a separator or back, so this equals tokenize(text) words.
 */
export function words(text: string): string[] {
  // match() with a global pattern gives the strings alone, without matchAll's per-match arrays.
  const found = fold(text).match(WORD);
  if (!found) return [];
  return found.some((w) => w.length > MAX_WORD_LENGTH)
    ? found.filter((w) => w.length <= MAX_WORD_LENGTH)
    : found;
}

/** A key for exact matching of names and labels: folded, whitespace collapsed, trimmed. */
export function normalizeKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}
