import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

/** A logger writing into memory: every line it wrote. */
function capture(): { logger: ReturnType<typeof createLogger>; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines: () => chunks.join('') };
}

/** What node-postgres throws for a unique violation: the row's values are in `detail`. */
function uniqueViolation(): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint "uq_email"'), {
    severity: 'ERROR',
    code: '23505',
    detail: 'Key (email)=(ada.lovelace@example.com) already exists.',
    table: 'candidates',
    constraint: 'uq_email',
  });
}

describe('logger: database errors', () => {
  const query = 'INSERT INTO candidates (email, linkedin_url, full_name) VALUES ($1, $2, $3)';
  const parameters = ['ada.lovelace@example.com', 'linkedin.com/in/ada-lovelace', 'Ada Lovelace'];

  it('logs the class, the SQLSTATE and a reference, never the parameters or the detail', () => {
    const { logger, lines } = capture();
    logger.error({ err: new QueryFailedError(query, parameters, uniqueViolation()) }, 'failed');
    const out = lines();
    for (const value of ['ada.lovelace', 'linkedin.com/in/ada', 'Ada Lovelace', 'VALUES ($1'])
      expect(out).not.toContain(value);
    const err = (JSON.parse(out) as { err: Record<string, unknown> }).err;
    expect(err).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      constraint: 'uq_email',
      table: 'candidates',
      reference: expect.stringMatching(/^sql:[0-9a-f]{12}$/) as unknown,
    });
    expect(err['stack']).toMatch(/^QueryFailedError: duplicate key value/);
  });

  it('the same statement gets the same reference, whatever its values', () => {
    const { logger, lines } = capture();
    logger.error({ err: new QueryFailedError(query, ['a@b.c'], uniqueViolation()) }, 'one');
    logger.error({ err: new QueryFailedError(query, ['d@e.f'], uniqueViolation()) }, 'two');
    const refs = lines()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { err: { reference: string } }).err.reference);
    expect(refs[0]).toBe(refs[1]);
  });

  it('masks values PostgreSQL quotes in its message, and covers errors caused by one', () => {
    const { logger, lines } = capture();
    const invalid = Object.assign(
      new Error('invalid input syntax for type uuid: "ada.lovelace@example.com"'),
      { severity: 'ERROR', code: '22P02' },
    );
    const wrapped = new Error('page write failed', {
      cause: new QueryFailedError('SELECT 1 WHERE id = $1', ['ada.lovelace@example.com'], invalid),
    });
    logger.error(wrapped);
    logger.warn({ error: invalid }, 'as error');
    const out = lines();
    expect(out).not.toContain('ada.lovelace');
    expect(out).toContain('QueryFailedError');
    expect(out).toContain('22P02');
  });

  it('leaves other errors as pino serializes them', () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError('not a function') }, 'bug');
    expect(JSON.parse(lines())).toMatchObject({
      err: { type: 'TypeError', message: 'not a function' },
    });
  });
});
