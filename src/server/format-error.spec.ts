import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { BadInputError, NotFoundError } from '../common/errors';
import { createLogger, type Logger } from '../common/logger';
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

  it('logs client errors at info, without the error or its stack', () => {
    const calls = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const spy = { ...logger, ...calls } as unknown as Logger;
    const format = createErrorFormatter(spy, true);
    const [formatted, error] = thrownInResolver(
      new BadInputError('after: bad', { field: 'after' }),
    );
    format(formatted.toJSON(), error);
    const coercion = new GraphQLError('Variable "$f" got invalid value', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
    format(coercion.toJSON(), coercion);
    expect(calls.error).not.toHaveBeenCalled();
    expect(calls.info).toHaveBeenCalledTimes(2);
    for (const [entry] of calls.info.mock.calls as [Record<string, unknown>][]) {
      expect(entry).not.toHaveProperty('err');
      expect(entry).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('drops name suggestions in production only', () => {
    const error = new GraphQLError(
      'Field "skils" is not defined by type "CandidateFilter". Did you mean "skills"?',
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
    expect(createErrorFormatter(logger, true)(error.toJSON(), error).message).toBe(
      'Field "skils" is not defined by type "CandidateFilter".',
    );
    expect(createErrorFormatter(logger, false)(error.toJSON(), error).message).toMatch(
      /Did you mean/,
    );
  });

  it("turns Apollo's uncoded 4xx refusals (a persisted-query hash mismatch) into BAD_USER_INPUT", () => {
    const error = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400 } },
    });
    // What Apollo hands formatError: code defaulted, `http` moved out.
    const formatted = { message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const out = createErrorFormatter(logger, true)(formatted, error);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(out.message).toMatch(/sha256Hash/);
  });
});
