import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear in a log object. Credentials and keys must
 * never reach the logs, so anything that could carry one is listed here.
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-smarttoken"]',
  'req.headers["api-key"]',
  'credentials',
  '*.credentials',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'connectionParams',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'rediscover' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * What a database error keeps: schema names and codes. Everything else is dropped, above all the
 * fields that hold row values: TypeORM's `parameters` and `query` (raw queries may inline
 * values), PostgreSQL's `detail` ("Key (email)=(…) already exists"), `where`, `hint` and
 * `internalQuery`, and `driverError`, which repeats them.
 */
const KEPT_DATABASE_FIELDS = [
  'code',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'routine',
];

/**
 * Quoted text in PostgreSQL's messages (`invalid input syntax for type uuid: "…"`) is a value,
 * masked; a quoted name after constraint, relation, column … is schema, kept.
 */
const QUOTED_IDENTIFIER =
  /(?<!(?:constraint|relation|column|table|index|function|schema|type) )"[^"]*"/g;

/** A PostgreSQL or TypeORM query error: `parameters`/`query` (TypeORM) or a SQLSTATE with a severity (pg). */
function isDatabaseError(error: Error): boolean {
  const fields = error as unknown as Record<string, unknown>;
  return (
    'parameters' in fields ||
    'driverError' in fields ||
    (typeof fields['query'] === 'string' && typeof fields['code'] === 'string') ||
    (typeof fields['severity'] === 'string' && typeof fields['code'] === 'string')
  );
}

function causes(error: Error): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e);
  return chain;
}

/**
 * pino's `err` serializer, except for database errors (and errors caused by one): those keep
 * their class, SQLSTATE, constraint/table/column names, stack frames and a `reference` to the
 * statement (a digest of its text), never the values bound to it or quoted in its message.
 * Personal data (e-mails, LinkedIn URLs, names in cursors) travels in those values.
 */
export function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  if (!causes(value).some(isDatabaseError)) return pino.stdSerializers.err(value);
  return databaseErrorSummary(value, 0);
}

function databaseErrorSummary(error: Error, depth: number): Record<string, unknown> {
  const fields = error as unknown as Record<string, unknown>;
  const type = error.constructor.name || error.name;
  const message = error.message.replace(QUOTED_IDENTIFIER, '"…"');
  const summary: Record<string, unknown> = { type, message };
  for (const key of KEPT_DATABASE_FIELDS) {
    const field = fields[key];
    if (typeof field === 'string') summary[key] = field;
  }
  const query = fields['query'];
  if (typeof query === 'string')
    summary['reference'] = `sql:${createHash('sha256').update(query).digest('hex').slice(0, 12)}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  summary['stack'] = [`${type}: ${message}`, ...frames].join('\n');
  if (error.cause instanceof Error && depth < 10)
    summary['cause'] = databaseErrorSummary(error.cause, depth + 1);
  return summary;
}
