/**
 * The error codes of the public API (API.md). Everything the app throws on purpose is an
 * AppError with one of these; the GraphQL layer maps them to `extensions.code` in one place.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UPSTREAM_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra, safe-to-show details (e.g. `field`, `position`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid API key is required (Authorization: Bearer <key>).') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this.') {
    super('FORBIDDEN', message);
  }
}

export class BadInputError extends AppError {
  constructor(
    message: string,
    details: { field?: string; position?: number } & Record<string, unknown> = {},
  ) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id?: string) {
    super('NOT_FOUND', id ? `${what} ${id} was not found.` : `${what} was not found.`);
  }
}

export class UpstreamUnavailableError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UPSTREAM_UNAVAILABLE', message, details);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, details: { retryAfterSeconds?: number } = {}) {
    super('RATE_LIMITED', message, details);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What makes `text` unstorable, or null: U+0000 and unpaired UTF-16 surrogates are valid in a
 * JavaScript string but not in PostgreSQL text (nor in well-formed UTF-8), so input carrying
 * them is refused as BAD_USER_INPUT before it reaches a query.
 */
export function unsafeTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains U+0000 (NUL)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return null;
}

/** For exhaustive switches over discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
