import type { estypes } from '@elastic/elasticsearch';
import {
  APPLICATIONS_PATH,
  FIELDS,
  TEXT_SECTIONS,
  VALUE_FILTER_KEYS,
  type ValueFilterKey,
} from './es-fields';

/**
 * The candidates index, versioned in code: any change to the settings or mappings below bumps
 * MAPPING_VERSION, and init() rebuilds `<prefix>-candidates-v<N>` from the previous version's
 * stored documents, then moves the `<prefix>-candidates` alias to it (es-indices.ts).
 */
export const MAPPING_VERSION = 3;

export interface IndexNames {
  /** What every read and write goes through. */
  alias: string;
  /** The concrete index of this code's mapping version. */
  index: string;
  /** Display labels of facet values (job titles, recruiter names, original spellings). */
  labels: string;
  /** Recognizes a versioned candidates index of this prefix; group 1 is its version. */
  versioned: RegExp;
}

export function indexNames(indexPrefix: string, version = MAPPING_VERSION): IndexNames {
  const alias = `${indexPrefix}-candidates`;
  const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    alias,
    index: `${alias}-v${version}`,
    labels: `${indexPrefix}-labels`,
    versioned: new RegExp(`^${escaped}-v(\\d+)$`),
  };
}

/**
 * The analyzer of every text field: documents and queries arrive as folded, space-separated
 * words (common/text.ts), so splitting on whitespace is all that is left to do. The built-in
 * `whitespace` analyzer, not a custom one: its tokenizer lives in the server itself, so the
 * mapping works on a node without the analysis-common module (the minimal distribution the
 * tests run). It cuts tokens at 255 characters; words are at most MAX_WORD_LENGTH (200).
 */
export const WORDS_ANALYZER = 'whitespace';

/**
 * No analysis settings: folding and splitting happen in our code. Version 1 declared a custom
 * whitespace tokenizer, which needs analysis-common; version 2 uses the built-in analyzer.
 * Version 3 adds application statuses (`values.statuses`, `applications.status`) and custom
 * field values by key (`customFieldValues`, flattened) for custom-field facets.
 */
export const CANDIDATE_SETTINGS: estypes.IndicesIndexSettings = {};

/** Keyword values longer than this are not indexed (Lucene's term limit is 32766 bytes). */
const IGNORE_ABOVE = 8_191;
const keyword: estypes.MappingKeywordProperty = { type: 'keyword', ignore_above: IGNORE_ABOVE };

const textProperty: estypes.MappingTextProperty = {
  type: 'text',
  analyzer: WORDS_ANALYZER,
  // Scores are per-field constants (es-text-query.ts): norms would only cost space.
  norms: false,
  // Values of one array never join into a phrase.
  position_increment_gap: 100,
};

const values = Object.fromEntries(
  VALUE_FILTER_KEYS.map((key): [ValueFilterKey, estypes.MappingProperty] => [key, keyword]),
) as Record<ValueFilterKey, estypes.MappingProperty>;

const text = Object.fromEntries(
  TEXT_SECTIONS.map((s): [string, estypes.MappingProperty] => [s.name, textProperty]),
);

export const CANDIDATE_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  _meta: { mappingVersion: MAPPING_VERSION },
  // The words are derived from `document`; keeping them out of _source halves its size.
  _source: { excludes: ['text.*'] },
  // Every document is written and read with its organization as routing (one shard per tenant).
  _routing: { required: true },
  properties: {
    [FIELDS.organizationId]: keyword,
    [FIELDS.candidateId]: keyword,
    [FIELDS.kind]: keyword,
    [FIELDS.nameKey]: keyword,
    [FIELDS.lastUpdated]: { type: 'date' },
    // float, like the postgres engine's real columns, so bucket edges round alike.
    [FIELDS.yearsOfExperience]: { type: 'float' },
    [FIELDS.yearsInRole]: { type: 'float' },
    [FIELDS.emails]: keyword,
    [FIELDS.linkedinUrl]: keyword,
    [FIELDS.githubUrl]: keyword,
    [FIELDS.customFields]: keyword,
    // Normalized values by custom field key, for the custom-field facets (terms and distinct
    // counts on `customFieldValues.<key>`); filters keep using the `customFields` entries.
    [FIELDS.customFieldValues]: { type: 'flattened', ignore_above: IGNORE_ABOVE },
    values: { type: 'object', properties: values },
    [APPLICATIONS_PATH]: {
      type: 'nested',
      properties: {
        applicationId: keyword,
        jobId: keyword,
        stage: keyword,
        status: keyword,
        rejectionReason: keyword,
      },
    },
    text: { type: 'object', properties: text },
    // The whole CandidateDocument: highlights, and rebuilding the next mapping version from it.
    [FIELDS.document]: { type: 'object', enabled: false },
  },
};

export const LABEL_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    organizationId: keyword,
    facet: keyword,
    value: keyword,
    label: { type: 'keyword', index: false, doc_values: false },
  },
};
