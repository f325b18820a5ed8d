import path from 'node:path';
import { z } from 'zod';

/** The project root: `data/` and the embedded database live under it by default. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

/**
 * Every environment variable the app reads, with its default. The README's configuration
 * table is written from this list; keep them together.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'data')),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.max(200).default(10),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  JOB_QUEUE: z.enum(['postgres', 'inline']).default('postgres'),
  ELASTICSEARCH_URL: z.url().optional(),
  SEARCH_ENGINE: z.enum(['auto', 'postgres', 'elasticsearch']).default('auto'),
  ELASTICSEARCH_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _')
    .default('rediscover'),
  ELASTICSEARCH_REQUEST_TIMEOUT_MS: positiveInt.max(300_000).default(10_000),
  ELASTICSEARCH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
  SEARCH_MEMORY_FACETS: z.enum(['auto', 'always', 'never']).default('auto'),
  SEARCH_MEMORY_MAX_CANDIDATES: z.coerce.number().int().min(0).default(2_000_000),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  GRAPHQL_MAX_DEPTH: positiveInt.default(12),
  GRAPHQL_MAX_ALIASES: positiveInt.default(20),
  GRAPHQL_MAX_TOKENS: positiveInt.default(5000),
  GRAPHQL_MAX_COST: positiveInt.default(20000),
  GRAPHQL_MAX_DIRECTIVES: positiveInt.default(50),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (openssl rand -hex 32)')
    .optional(),
  PREVIOUS_SECRET_KEYS: z
    .string()
    .regex(/^[0-9a-fA-F]{64}(,[0-9a-fA-F]{64})*$/, 'must be comma-separated 64-hex-character keys')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: booleanFlag.default(false),
  OUTBOUND_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated seconds, e.g. 5,300,1800')
    .default('5,300,1800,7200,18000,36000,50400,72000,86400'),
  OUTBOUND_TIMEOUT_SECONDS: positiveInt.max(120).default(10),
  EXPORT_MAX_CANDIDATES: positiveInt.max(1_000_000).default(50_000),
  EXPORT_BATCH_SIZE: positiveInt.max(100).default(10),
  WORKBOOK_LINK_TTL_SECONDS: positiveInt.max(7 * 86_400).default(900),
  EXPORT_DUMMY_EMAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'a domain name, e.g. example.invalid')
    .default('rediscover.invalid'),
  SYNC_SCHEDULE_CHECK_SECONDS: positiveInt.max(3600).default(30),
  PROFILE_IMPORT_MAX_LINE_BYTES: positiveInt.max(16 * 1024 * 1024).default(65_536),
  PROFILE_IMPORT_MAX_LINES: positiveInt.default(2_000_000),
  PROFILE_PROVIDER: z.enum(['directory', 'http']).default('directory'),
  PROFILE_PROVIDER_URL: z.url().optional(),
  PROFILE_PROVIDER_TOKEN: z.string().min(1).optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters (openssl rand -hex 16)').optional(),
  BOOTSTRAP_ORG_NAME: z.string().min(1).max(200).default('My Organization'),
  BOOTSTRAP_USER_EMAIL: z.email().default('admin@localhost.localdomain'),
});

export type Env = z.input<typeof envSchema>;

/** The name of every variable the app reads (test/deploy checks docker-compose.yml against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** The typed configuration, parsed once at start-up. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  role: 'api' | 'worker' | 'all';
  logLevel: string;
  dataDir: string;
  database: { url: string | undefined; poolSize: number; embeddedPort: number };
  jobQueue: 'postgres' | 'inline';
  search: {
    engine: 'postgres' | 'elasticsearch';
    elasticsearchUrl: string | undefined;
    indexPrefix: string;
    /** Per request, before the node counts as unreachable (UPSTREAM_UNAVAILABLE). */
    elasticsearchRequestTimeoutMs: number;
    /** Retries of a request that found no node or timed out. */
    elasticsearchMaxRetries: number;
    /** postgres engine: facets from the in-memory columnar index (src/search/postgres/memory). */
    memoryFacets: 'auto' | 'always' | 'never';
    memoryMaxCandidates: number;
  };
  graphql: {
    introspection: boolean;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    maxDirectives: number;
  };
  bootstrap: { organizationName: string; userEmail: string };
  /** Bearer token `GET /metrics` requires; null: open to whoever reaches the port. */
  metricsToken: string | null;
  secrets: { key: string | undefined; previousKeys: string[] };
  /** How vendors reach this server (webhook callback URLs). */
  publicUrl: string;
  syncScheduleCheckSeconds: number;
  /** User-given outbound URLs (connection base URLs, partner webhooks): see outbound-guard.ts. */
  outbound: { allowPrivateNetworks: boolean; retrySchedule: number[]; timeoutMs: number };
  exports: { maxCandidates: number; batchSize: number; dummyEmailDomain: string };
  /** Insights workbooks: how long an `exportInsights` link works, in seconds (default 900). */
  workbooks: { linkTtlSeconds: number };
  /** `POST /profiles/import`: longest NDJSON line in bytes, most lines per request. */
  profiles: {
    maxLineBytes: number;
    maxLines: number;
    /** Where matching finds profiles: the imported directory, or a people-data service. */
    provider: { kind: 'directory' } | { kind: 'http'; url: string; token: string | null };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset, so `FOO= npm start` behaves like no FOO at all.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in envSchema.shape && value !== ''),
  );
  const parsed = envSchema
    .refine((e) => e.PROFILE_PROVIDER !== 'http' || e.PROFILE_PROVIDER_URL, {
      message: 'PROFILE_PROVIDER=http needs PROFILE_PROVIDER_URL',
      path: ['PROFILE_PROVIDER_URL'],
    })
    .refine((e) => e.SEARCH_ENGINE !== 'elasticsearch' || e.ELASTICSEARCH_URL, {
      message: 'SEARCH_ENGINE=elasticsearch needs ELASTICSEARCH_URL',
      path: ['ELASTICSEARCH_URL'],
    })
    // Several processes on one external database must share one key: a key file in one
    // process's data folder would not do.
    .refine((e) => e.NODE_ENV !== 'production' || !e.DATABASE_URL || e.SECRET_KEY, {
      message: 'production with DATABASE_URL needs SECRET_KEY (openssl rand -hex 32)',
      path: ['SECRET_KEY'],
    })
    .safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(e.DATA_DIR),
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      embeddedPort: e.EMBEDDED_PG_PORT,
    },
    jobQueue: e.JOB_QUEUE,
    search: {
      // auto: Elasticsearch when one is configured, else the embedded-friendly postgres engine.
      engine:
        e.SEARCH_ENGINE === 'auto'
          ? e.ELASTICSEARCH_URL
            ? 'elasticsearch'
            : 'postgres'
          : e.SEARCH_ENGINE,
      elasticsearchUrl: e.ELASTICSEARCH_URL,
      indexPrefix: e.ELASTICSEARCH_INDEX_PREFIX,
      elasticsearchRequestTimeoutMs: e.ELASTICSEARCH_REQUEST_TIMEOUT_MS,
      elasticsearchMaxRetries: e.ELASTICSEARCH_MAX_RETRIES,
      memoryFacets: e.SEARCH_MEMORY_FACETS,
      memoryMaxCandidates: e.SEARCH_MEMORY_MAX_CANDIDATES,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? !isProduction,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
    },
    bootstrap: { organizationName: e.BOOTSTRAP_ORG_NAME, userEmail: e.BOOTSTRAP_USER_EMAIL },
    metricsToken: e.METRICS_TOKEN ?? null,
    secrets: { key: e.SECRET_KEY, previousKeys: e.PREVIOUS_SECRET_KEYS?.split(',') ?? [] },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    syncScheduleCheckSeconds: e.SYNC_SCHEDULE_CHECK_SECONDS,
    outbound: {
      allowPrivateNetworks: e.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
      retrySchedule: e.OUTBOUND_RETRY_SCHEDULE.split(',').map(Number),
      timeoutMs: e.OUTBOUND_TIMEOUT_SECONDS * 1000,
    },
    exports: {
      maxCandidates: e.EXPORT_MAX_CANDIDATES,
      batchSize: e.EXPORT_BATCH_SIZE,
      dummyEmailDomain: e.EXPORT_DUMMY_EMAIL_DOMAIN,
    },
    workbooks: { linkTtlSeconds: e.WORKBOOK_LINK_TTL_SECONDS },
    profiles: {
      maxLineBytes: e.PROFILE_IMPORT_MAX_LINE_BYTES,
      maxLines: e.PROFILE_IMPORT_MAX_LINES,
      provider:
        e.PROFILE_PROVIDER === 'http' && e.PROFILE_PROVIDER_URL
          ? { kind: 'http', url: e.PROFILE_PROVIDER_URL, token: e.PROFILE_PROVIDER_TOKEN ?? null }
          : { kind: 'directory' },
    },
  };
}
