import { z } from 'zod';

/** The vendors the sync benchmark drives, in the order it runs them. */
export const VENDOR_NAMES = ['ashby', 'greenhouse', 'smartrecruiters'] as const;
export type VendorName = (typeof VENDOR_NAMES)[number];

/** Vendors whose simulators sign and deliver webhooks the app verifies (ATS UI-configured). */
export const WEBHOOK_VENDORS: readonly VendorName[] = ['ashby', 'greenhouse'];

/** The size the issue asks for. */
export const RECORD_N = 100_000;

/** Everything the sync benchmark can be told, read from the environment once. */
export interface SyncBenchSettings {
  /** Candidates per simulator. 100,000 for the record, 200 with CI set (SYNC_BENCH_N). */
  n: number;
  ci: boolean;
  /** Vendors to run, in VENDOR_NAMES order (SYNC_BENCH_VENDORS=ashby,greenhouse). */
  vendors: VendorName[];
  seed: string;
  /** Webhook phase: events per second and for how long (0 s skips it; SYNC_BENCH_WEBHOOK_SECONDS). */
  webhook: { eventsPerSecond: number; seconds: number; waitSeconds: number };
  /** How often a long sync prints a progress line. */
  progressEveryMs: number;
  /** The app's log level (LOG_LEVEL; default error, to keep the bench output readable). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The command that reproduces the run. */
  command: string;
}

const count = z.coerce.number().int().positive();

const ENV = z.object({
  CI: z.string().optional(),
  SYNC_BENCH_N: count.optional(),
  SYNC_BENCH_VENDORS: z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim().toLowerCase()))
    .pipe(z.array(z.enum(VENDOR_NAMES)).min(1))
    .optional(),
  SYNC_BENCH_WEBHOOK_SECONDS: z.coerce.number().min(0).max(600).optional(),
  SYNC_BENCH_WEBHOOK_RATE: count.max(1000).optional(),
  SYNC_BENCH_WEBHOOK_WAIT_SECONDS: count.max(3600).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

/**
 * Reads the settings; an invalid variable fails with every problem listed. Defaults follow the
 * issue: 100,000 candidates per vendor, 50 webhook events/s for 20 s. With CI set: 200 candidates
 * and 2 s of events, so the whole run takes about three minutes.
 */
export function readSyncBenchSettings(env: NodeJS.ProcessEnv = process.env): SyncBenchSettings {
  const parsed = ENV.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid sync bench settings:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const ci = Boolean(e.CI) && e.CI !== 'false' && e.CI !== '0';
  const chosen = new Set(e.SYNC_BENCH_VENDORS ?? VENDOR_NAMES);
  return {
    n: e.SYNC_BENCH_N ?? (ci ? 200 : RECORD_N),
    ci,
    vendors: VENDOR_NAMES.filter((v) => chosen.has(v)),
    seed: 'sync-bench',
    webhook: {
      eventsPerSecond: e.SYNC_BENCH_WEBHOOK_RATE ?? 50,
      seconds: e.SYNC_BENCH_WEBHOOK_SECONDS ?? (ci ? 2 : 20),
      waitSeconds: e.SYNC_BENCH_WEBHOOK_WAIT_SECONDS ?? (ci ? 15 : 60),
    },
    progressEveryMs: 30_000,
    logLevel: e.LOG_LEVEL ?? 'error',
    command: commandLine(env),
  };
}

/** The command as typed, with the variables that changed the run. */
function commandLine(env: NodeJS.ProcessEnv): string {
  const vars = Object.entries(env)
    .filter(([key, value]) => (key.startsWith('SYNC_BENCH_') || key === 'CI') && value)
    .sort(([a], [b]) => (a === 'CI' ? -1 : b === 'CI' ? 1 : a.localeCompare(b)))
    .map(([key, value]) => `${key}=${value}`);
  return [...vars, 'npm run bench -- sync'].join(' ');
}
