import type { estypes } from '@elastic/elasticsearch';
import { words } from '../../common/text';
import type { QueryNode, SearchField } from '../query/ast';
import { sectionsFor, textField } from './es-fields';

type Query = estypes.QueryDslQueryContainer;

/**
 * Prefix expansions inside a phrase (`foo$bar*`) are limited to this many words rather than
 * failing with too_many_clauses; plain `term*` queries have no such limit.
 */
export const PHRASE_PREFIX_EXPANSIONS = 1024;

/**
 * Translates the query AST into an Elasticsearch query over the pre-tokenized text fields, with
 * the tokenizer the documents were indexed with (common/text.ts `words`). Mirrors the postgres
 * tsquery builder: terms without words are dropped from AND/OR, NOT of nothing disappears, and
 * null means "match everything". Pure.
 */
export function buildTextQuery(node: QueryNode | null): Query | null {
  if (!node) return null;
  switch (node.kind) {
    case 'term': {
      const tokens = words(node.value);
      if (tokens.length === 0) return null;
      if (tokens.length > 1) return phrase(tokens, node.field, node.prefix);
      const word = tokens[0] ?? '';
      return leaf(node.field, (field) =>
        node.prefix ? { prefix: { [field]: word } } : { term: { [field]: word } },
      );
    }
    case 'phrase': {
      const tokens = words(node.value);
      if (tokens.length === 0) return null;
      if (tokens.length === 1)
        return leaf(node.field, (field) => ({ term: { [field]: tokens[0] } }));
      return phrase(tokens, node.field, false);
    }
    case 'and':
    case 'or': {
      const parts = node.children.map(buildTextQuery).filter((p): p is Query => p !== null);
      if (parts.length === 0) return null;
      if (parts.length === 1) return parts[0] ?? null;
      return node.kind === 'and'
        ? { bool: { must: parts } }
        : { bool: { should: parts, minimum_should_match: 1 } };
    }
    case 'not': {
      const inner = buildTextQuery(node.child);
      // A bool of only must_not matches every document except the negated ones.
      return inner === null ? null : { bool: { must_not: [inner] } };
    }
  }
}

/**
 * A word condition on the scope's sections: it matches when any section matches, and scores
 * the sum of the weights of the sections that match (constant per section, like ts_rank's
 * weights), so where a word matched decides the ranking, not term statistics.
 */
function leaf(scope: SearchField | null, match: (field: string) => Query): Query {
  const clauses = sectionsFor(scope).map((section): Query => ({
    constant_score: { filter: match(textField(section)), boost: section.weight },
  }));
  if (clauses.length === 1 && clauses[0]) return clauses[0];
  return { bool: { should: clauses, minimum_should_match: 1 } };
}

/** Consecutive words within one value; the last one a prefix for `foo$bar*`. */
function phrase(tokens: string[], scope: SearchField | null, prefixLast: boolean): Query {
  if (!prefixLast) return leaf(scope, (field) => ({ match_phrase: { [field]: tokens.join(' ') } }));
  const last = tokens.length - 1;
  return leaf(scope, (field) => ({
    span_near: {
      clauses: tokens.map((word, i): estypes.QueryDslSpanQuery =>
        i === last
          ? {
              span_multi: {
                match: {
                  prefix: {
                    [field]: { value: word, rewrite: `top_terms_${PHRASE_PREFIX_EXPANSIONS}` },
                  },
                },
              },
            }
          : { span_term: { [field]: word } },
      ),
      slop: 0,
      in_order: true,
    },
  }));
}
