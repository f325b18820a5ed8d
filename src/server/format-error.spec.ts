import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadInputError, NotFoundError } from '../common/errors';
import { createLogger } from '../common/logger';
import { createErrorFormatter } from './format-error';

const logger = createLogger('silent');

/** What Apollo hands formatError for an error thrown inside a resolver. */
function thrownInResolver(error: Error): [GraphQLError, GraphQLError] {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ['field'] });
  return [wrapped, wrapped];
}

describe('createErrorFormatter', () => {
  it('shows an AppError with its code and details', () => {
    const format = createErrorFormatter(logger, true);
    const [formatted, error] = thrownInResolver(
      new BadInputError('query: unbalanced "(" at 7', { position: 7 }),
    );
    expect(format(formatted.toJSON(), error)).toEqual({
      message: 'query: unbalanced "(" at 7',
      path: ['field'],
      extensions: { code: 'BAD_USER_INPUT', position: 7 },
    });
    const [nf, nfError] = thrownInResolver(new NotFoundError('Connection', 'x'));
    expect(format(nf.toJSON(), nfError).extensions?.['code']).toBe('NOT_FOUND');
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR, without its message or stack in production', () => {
    const format = createErrorFormatter(logger, true);
    const [formatted, error] = thrownInResolver(new Error('relation "candidates" does not exist'));
    const out = format(formatted.toJSON(), error);
    expect(out.message).toMatch(/^Internal server error \(ref [0-9a-f]{8}\)$/);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', ref: expect.any(String) });
    expect(JSON.stringify(out)).not.toContain('candidates');
  });

  it('adds the stack only outside production', () => {
    const format = createErrorFormatter(logger, false);
    const [formatted, error] = thrownInResolver(new Error('boom'));
    expect(format(formatted.toJSON(), error).extensions?.['stacktrace']).toEqual(expect.any(Array));
  });

  it("keeps Apollo's codes for malformed documents, minus any stack", () => {
    const format = createErrorFormatter(logger, true);
    const validation = new GraphQLError('Cannot query field "nam"', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] },
    });
    expect(format(validation.toJSON(), validation).extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
  });
});
