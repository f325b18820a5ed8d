import { z } from 'zod';

/** The sizes issue 15 names for the record: 100,000 candidates against 1,000,000 profiles. */
export const RECORD_CANDIDATES = 100_000;
export const RECORD_PROFILES = 1_000_000;

/** Everything the matching benchmark can be told, read from the environment once. */
export interface MatchingBenchSettings {
  /** ATS candidates (MATCHING_BENCH_CANDIDATES; 100,000, or 2,000 with CI set). */
  candidates: number;
  /** Directory profiles, bad lines included (MATCHING_BENCH_PROFILES; 1,000,000, or 20,000). */
  profiles: number;
  ci: boolean;
  /** The world's seed (MATCHING_BENCH_SEED): same seed, same world, same truth. */
  seed: string;
  /**
   * Also run the rematch an import queues (the `match-profiles` jobs over every changed
   * profile) before the full rematch (MATCHING_BENCH_AFTER_IMPORT=off skips it).
   */
  afterImport: boolean;
  /** Connection pool of the bench's DataSource (the app's default, 10). */
  poolSize: number;
  /** The command that reproduces the run. */
  command: string;
}

const count = z.coerce.number().int().positive();

const ENV = z.object({
  CI: z.string().optional(),
  MATCHING_BENCH_CANDIDATES: count.max(2_000_000).optional(),
  MATCHING_BENCH_PROFILES: count.max(20_000_000).optional(),
  MATCHING_BENCH_SEED: z.string().min(1).optional(),
  MATCHING_BENCH_AFTER_IMPORT: z.enum(['on', 'off']).default('on'),
});

/**
 * Reads the settings; an invalid variable fails with every problem listed. The directory must
 * be at least twice the candidates: it holds their profiles, namesakes and duplicates.
 */
export function readMatchingBenchSettings(
  env: NodeJS.ProcessEnv = process.env,
): MatchingBenchSettings {
  const parsed = ENV.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid matching bench settings:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const ci = Boolean(e.CI) && e.CI !== 'false' && e.CI !== '0';
  const candidates = e.MATCHING_BENCH_CANDIDATES ?? (ci ? 2_000 : RECORD_CANDIDATES);
  const profiles = e.MATCHING_BENCH_PROFILES ?? (ci ? 20_000 : RECORD_PROFILES);
  if (profiles < candidates * 2) {
    throw new Error(
      `invalid matching bench settings: MATCHING_BENCH_PROFILES (${profiles}) must be at least twice MATCHING_BENCH_CANDIDATES (${candidates})`,
    );
  }
  return {
    candidates,
    profiles,
    ci,
    seed: e.MATCHING_BENCH_SEED ?? 'matching-bench',
    afterImport: e.MATCHING_BENCH_AFTER_IMPORT === 'on',
    poolSize: 10,
    command: commandLine(env),
  };
}

/** The command as typed, with the variables that changed the run. */
function commandLine(env: NodeJS.ProcessEnv): string {
  const vars = Object.entries(env)
    .filter(([key, value]) => (key.startsWith('MATCHING_BENCH_') || key === 'CI') && value)
    .sort(([a], [b]) => (a === 'CI' ? -1 : b === 'CI' ? 1 : a.localeCompare(b)))
    .map(([key, value]) => `${key}=${value}`);
  return [...vars, 'npm run bench -- matching'].join(' ');
}
