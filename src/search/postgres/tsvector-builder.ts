import { words } from '../../common/text';
import type { CandidateDocument } from '../candidate-document';
import type { SearchField } from '../query/ast';

/**
 * Builds a candidate's tsvector in our code (not with to_tsvector) so indexing and querying
 * share one tokenizer (src/common/text.ts). Every word is indexed plain, for unscoped search,
 * and again prefixed with its field's code (`t~engineer`), for `title:` and friends: one GIN
 * index serves all scopes. Values are separated by a position gap so a phrase never spans two
 * values.
 */

/**
 * Lexeme prefix per field scope; `~` never occurs inside a token. The resume needs none: it is
 * the only text with weight D, so `resume:` is a weight restriction (`'word':D`), which spares
 * indexing every resume word twice.
 */
export const FIELD_CODES: Record<Exclude<SearchField, 'resume'>, string> = {
  name: 'n~',
  title: 't~',
  company: 'c~',
  school: 's~',
  skill: 'k~',
  location: 'l~',
  email: 'e~',
};

/** The weight that only resume text carries. */
export const RESUME_WEIGHT = 'D';

type Weight = 'A' | 'B' | 'C' | 'D';

interface Section {
  values: readonly (string | null | undefined)[];
  field: SearchField | null;
  weight: Weight;
}

/** PostgreSQL's limits: positions above 16383 collapse, at most 256 per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Resume words indexed at most; the rest of a very long attachment is not searchable. */
export const MAX_RESUME_WORDS = 8_000;

function sections(d: CandidateDocument): Section[] {
  return [
    { values: [d.fullName], field: 'name', weight: 'A' },
    { values: [d.currentTitle], field: 'title', weight: 'A' },
    { values: [d.currentCompany], field: 'company', weight: 'B' },
    { values: d.skills, field: 'skill', weight: 'B' },
    { values: [d.headline], field: null, weight: 'B' },
    { values: d.pastTitles, field: 'title', weight: 'C' },
    { values: d.pastCompanies, field: 'company', weight: 'C' },
    { values: d.schools, field: 'school', weight: 'C' },
    { values: [d.location], field: 'location', weight: 'C' },
    { values: d.emails, field: 'email', weight: 'C' },
    {
      values: [
        ...d.degrees,
        ...d.majors,
        ...d.certifications,
        ...d.languages,
        d.industry,
        ...d.tags,
      ],
      field: null,
      weight: 'C',
    },
    { values: [d.resumeText], field: 'resume', weight: 'D' },
  ];
}

/** Quotes a lexeme for tsvector/tsquery input syntax. */
export function quoteLexeme(lexeme: string): string {
  if (!lexeme.includes("'") && !lexeme.includes('\\')) return `'${lexeme}'`;
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A lexeme's positions as PostgreSQL writes them (`7C,12C`), and how many. */
interface PositionList {
  text: string;
  count: number;
}

/** Lexemes with their positions, capped as PostgreSQL caps them. */
class Positions {
  private readonly lists = new Map<string, PositionList>();

  add(lexeme: string, entry: string): void {
    const list = this.lists.get(lexeme);
    if (!list) this.lists.set(lexeme, { text: entry, count: 1 });
    else if (list.count < MAX_POSITIONS_PER_LEXEME) {
      list.text += `,${entry}`;
      list.count++;
    }
  }

  /** PostgreSQL's input syntax: `'word':1A,7C 't~word':1A`. */
  toString(): string {
    let out = '';
    for (const [lexeme, list] of this.lists)
      out += `${out ? ' ' : ''}${quoteLexeme(lexeme)}:${list.text}`;
    return out;
  }
}

/**
 * The candidate's two tsvectors, in PostgreSQL's input syntax. `tsv` is matched against: every
 * word plain and field-scoped, resume included. `rankTsv` is what relevance is computed on:
 * the plain words of the weighted profile fields (A-C) at the same positions, so ranking reads
 * a few hundred bytes per match instead of the whole tsvector (see SEMANTICS.md).
 */
export function buildTsvectors(document: CandidateDocument): { tsv: string; rankTsv: string } {
  const all = new Positions();
  const ranked = new Positions();
  let position = 1;
  for (const section of sections(document)) {
    const code = section.field && section.field !== 'resume' ? FIELD_CODES[section.field] : null;
    const rank = section.weight !== RESUME_WEIGHT;
    for (const value of section.values) {
      if (!value) continue;
      let tokens = words(value);
      if (section.field === 'resume') tokens = tokens.slice(0, MAX_RESUME_WORDS);
      for (const word of tokens) {
        const entry = `${Math.min(position, MAX_POSITION)}${section.weight}`;
        all.add(word, entry);
        if (code) all.add(code + word, entry);
        if (rank) ranked.add(word, entry);
        position++;
      }
      // A gap of one unused position: `a <-> b` cannot join the last word of one value to
      // the first word of the next.
      position++;
    }
  }
  return { tsv: all.toString(), rankTsv: ranked.toString() };
}

/** The matching tsvector alone (`buildTsvectors(document).tsv`). */
export function buildTsvector(document: CandidateDocument): string {
  return buildTsvectors(document).tsv;
}
