import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { type GraphQLError, type GraphQLFormattedError } from 'graphql';
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
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...where,
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
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

/** For transports outside Apollo (graphql-ws): the same mapping, applied to a GraphQLError. */
export function formatGraphQLError(
  format: ReturnType<typeof createErrorFormatter>,
  error: GraphQLError,
): GraphQLFormattedError {
  return format(error.toJSON(), error);
}
