/** The Boolean query language: text -> QueryNode (parseQuery) and back (printQuery). */
export {
  SEARCH_FIELDS,
  type AndNode,
  type NotNode,
  type OrNode,
  type PhraseNode,
  type QueryNode,
  type SearchField,
  type Span,
  type TermNode,
} from './ast';
export { DEFAULT_QUERY_LIMITS, parseQuery, type QueryLimits } from './parse-query';
export { printQuery } from './print-query';
export { QuerySyntaxError } from './query-syntax-error';
export { stripSpans, type SpanlessQueryNode } from './strip-spans';
