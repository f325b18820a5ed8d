import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../common/errors';
import { isConnectionError } from '../database/connection-errors';
import type { Logger } from '../common/logger';

/** Codes a client may see as they are: ours, plus Apollo's for malformed documents. */
const PASS_THROUGH = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UPSTREAM_UNAVAILABLE',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one place errors become `extensions.code`. AppErrors show their message and details;
 * anything unexpected is logged with a reference and shown only as INTERNAL_SERVER_ERROR,
 * with no stack trace in production and no engine or driver message ever.
 */
export function createErrorFormatter(logger: Logger, production: boolean) {
  const clean = (message: string): string => (production ? withoutSuggestions(message) : message);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (original instanceof AppError) {
      logClientError(logger, original.code, original.message, formatted.path);
      return {
        message: original.message,
        ...where,
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = clientCodeOf(formatted, error, original);
    if (code) {
      const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
      const message = clean(clientMessageOf(formatted.message));
      logClientError(logger, code, message, formatted.path);
      return { ...formatted, message, extensions: { ...extensions, code } };
    }
    if (isConnectionError(original)) {
      logger.warn(
        { err: original, path: formatted.path },
        'database unreachable during a GraphQL operation',
      );
      return {
        message: 'A service Rediscover depends on is unavailable; try again shortly.',
        ...where,
        extensions: { code: 'UPSTREAM_UNAVAILABLE' },
      };
    }
    const ref = randomUUID().slice(0, 8);
    logger.error(
      { err: original, ref, path: formatted.path },
      'unexpected error in a GraphQL operation',
    );
    const stack =
      !production && original instanceof Error ? original.stack?.split('\n') : undefined;
    return {
      message: `Internal server error (ref ${ref})`,
      ...where,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ref, ...(stack ? { stacktrace: stack } : {}) },
    };
  };
}

/**
 * The code of an error the client caused: one of ours or Apollo's for malformed documents, or a
 * request Apollo refused with a 4xx and no code (e.g. a persisted-query hash mismatch).
 */
function clientCodeOf(
  formatted: GraphQLFormattedError,
  error: unknown,
  original: unknown,
): string | null {
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && PASS_THROUGH.has(code)) return code;
  // Apollo moves `http` out of the formatted extensions; the error itself still has it.
  const http = (error instanceof GraphQLError ? error.extensions['http'] : undefined) as
    { status?: unknown } | undefined;
  const status = http?.status;
  const raisedByServer = original instanceof Error && !(original instanceof GraphQLError);
  if (typeof status === 'number' && status >= 400 && status < 500 && !raisedByServer) {
    return 'BAD_USER_INPUT';
  }
  return null;
}

/** Apollo's terse wording for a persisted-query hash mismatch, said so a client can act on it. */
function clientMessageOf(message: string): string {
  if (message === 'provided sha does not match query') {
    return 'extensions.persistedQuery.sha256Hash does not match the SHA-256 of query; send the hash of the exact query text.';
  }
  return message;
}

/** graphql-js suggests names ("Did you mean …?"); production answers must not reveal the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/**
 * A coded error is expected, not a bug: one line without a stack or input values, at info for
 * the client's mistakes and at warn when a dependency is down.
 */
function logClientError(
  logger: Logger,
  code: string,
  message: string,
  path: GraphQLFormattedError['path'],
): void {
  const entry = { code, path, message: message.slice(0, 300) };
  if (code === 'UPSTREAM_UNAVAILABLE' || code === 'INTERNAL_SERVER_ERROR') {
    logger.warn(entry, 'GraphQL operation failed with a coded error');
  } else {
    logger.info(entry, 'GraphQL client error');
  }
}

/** For transports outside Apollo (graphql-ws): the same mapping, applied to a GraphQLError. */
export function formatGraphQLError(
  format: ReturnType<typeof createErrorFormatter>,
  error: GraphQLError,
): GraphQLFormattedError {
  return format(error.toJSON(), error);
}
