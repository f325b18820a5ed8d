import { z } from 'zod';

/** The size the issue asks for. */
export const RECORD_N = 10_000;

/** Ashby export size cap: several calls per candidate at ~16 requests/s. */
const ASHBY_RECORD_N = 2_000;

/** Everything the export benchmark can be told, read from the environment once. */
export interface ExportBenchSettings {
  /** Candidates mirrored from the ATS and exported to SourceWhale (EXPORT_BENCH_N). 10,000; 1,000 with CI. */
  n: number;
  /** Candidates exported to Ashby (EXPORT_BENCH_ASHBY_N). min(n, 2,000); min(n, 300) with CI. */
  ashbyN: number;
  /** SourceWhale's limit in the simulator and the destination's `requestsPerSecond` (EXPORT_BENCH_SW_RPS). 20. */
  sourceWhaleRps: number;
  /**
   * People SourceWhale already holds before the export (the first of the ATS's, same seed): their
   * export is an update through SourceWhale's duplicate matching. 1 % of n, at least 5.
   */
  sourceWhaleDuplicates: number;
  ci: boolean;
  seed: string;
  /** How often a running export prints a progress line. */
  progressEveryMs: number;
  /** The app's log level (LOG_LEVEL; default error, to keep the bench output readable). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The command that reproduces the run. */
  command: string;
}

const count = z.coerce.number().int().positive();

const ENV = z.object({
  CI: z.string().optional(),
  EXPORT_BENCH_N: count.max(50_000).optional(),
  EXPORT_BENCH_ASHBY_N: z.coerce.number().int().min(0).max(50_000).optional(),
  EXPORT_BENCH_SW_RPS: count.max(100).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

/**
 * Reads the settings; an invalid variable fails with every problem listed. With CI set: 1,000
 * candidates to SourceWhale and 300 to Ashby, a few minutes in all. EXPORT_BENCH_ASHBY_N=0 skips
 * the Ashby export.
 */
export function readExportBenchSettings(env: NodeJS.ProcessEnv = process.env): ExportBenchSettings {
  const parsed = ENV.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid export bench settings:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const ci = Boolean(e.CI) && e.CI !== 'false' && e.CI !== '0';
  const n = e.EXPORT_BENCH_N ?? (ci ? 1_000 : RECORD_N);
  return {
    n,
    ashbyN: Math.min(n, e.EXPORT_BENCH_ASHBY_N ?? (ci ? 300 : ASHBY_RECORD_N)),
    sourceWhaleRps: e.EXPORT_BENCH_SW_RPS ?? 20,
    sourceWhaleDuplicates: Math.min(n, Math.max(5, Math.round(n / 100))),
    ci,
    seed: 'export-bench',
    progressEveryMs: 5_000,
    logLevel: e.LOG_LEVEL ?? 'error',
    command: commandLine(env),
  };
}

/** The command as typed, with the variables that changed the run. */
function commandLine(env: NodeJS.ProcessEnv): string {
  const vars = Object.entries(env)
    .filter(([key, value]) => (key.startsWith('EXPORT_BENCH_') || key === 'CI') && value)
    .sort(([a], [b]) => (a === 'CI' ? -1 : b === 'CI' ? 1 : a.localeCompare(b)))
    .map(([key, value]) => `${key}=${value}`);
  return [...vars, 'npm run bench -- export'].join(' ');
}
