import { z } from 'zod';

/** The size the issue asks for. */
export const RECORD_N = 2_000;

/** One phase of stage moves. */
export interface MovePhase {
  /** Stage moves per second, evenly spread. */
  movesPerSecond: number;
  seconds: number;
  /** How long the partner takes to answer each delivery, ms (0: at once). */
  answerDelayMs: number;
}

/** Everything the triggers benchmark can be told, read from the environment once. */
export interface TriggersBenchSettings {
  /** Candidates in the Ashby simulator. 2,000; 1,000 with CI (TRIGGERS_BENCH_N). */
  n: number;
  ci: boolean;
  seed: string;
  /** Jobs watched, each at two stages: jobs × 2 triggers. */
  jobs: number;
  /** Phase 1: a prompt partner (TRIGGERS_BENCH_SECONDS: 20 s; 5 s with CI). */
  latency: MovePhase;
  /** Phase 2: a slow partner (TRIGGERS_BENCH_SLOW_SECONDS: 10 s, 3 s with CI; TRIGGERS_BENCH_SLOW_MS: 200). */
  throughput: MovePhase;
  /** How long to wait after a phase's last move for the missing deliveries (TRIGGERS_BENCH_WAIT_SECONDS). */
  waitSeconds: number;
  /** The app's log level (LOG_LEVEL; default error, to keep the bench output readable). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The command that reproduces the run. */
  command: string;
}

const count = z.coerce.number().int().positive();

const ENV = z.object({
  CI: z.string().optional(),
  TRIGGERS_BENCH_N: count.max(100_000).optional(),
  TRIGGERS_BENCH_RATE: count.max(500).optional(),
  TRIGGERS_BENCH_SECONDS: z.coerce.number().positive().max(600).optional(),
  TRIGGERS_BENCH_SLOW_SECONDS: z.coerce.number().min(0).max(600).optional(),
  TRIGGERS_BENCH_SLOW_MS: z.coerce.number().int().min(0).max(9_000).optional(),
  TRIGGERS_BENCH_WAIT_SECONDS: count.max(3600).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

/**
 * Reads the settings; an invalid variable fails with every problem listed. Defaults follow the
 * issue: 2,000 candidates, 50 moves/s for 20 s into the triggered stages, then 10 s against a
 * partner answering in 200 ms. With CI set: 1,000 candidates (enough applications free to move
 * while deliveries are late), 5 s and 3 s of moves.
 */
export function readTriggersBenchSettings(
  env: NodeJS.ProcessEnv = process.env,
): TriggersBenchSettings {
  const parsed = ENV.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid triggers bench settings:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const ci = Boolean(e.CI) && e.CI !== 'false' && e.CI !== '0';
  const movesPerSecond = e.TRIGGERS_BENCH_RATE ?? 50;
  return {
    n: e.TRIGGERS_BENCH_N ?? (ci ? 1_000 : RECORD_N),
    ci,
    seed: 'triggers-bench',
    jobs: 5,
    latency: {
      movesPerSecond,
      seconds: e.TRIGGERS_BENCH_SECONDS ?? (ci ? 5 : 20),
      answerDelayMs: 0,
    },
    throughput: {
      movesPerSecond,
      seconds: e.TRIGGERS_BENCH_SLOW_SECONDS ?? (ci ? 3 : 10),
      answerDelayMs: e.TRIGGERS_BENCH_SLOW_MS ?? 200,
    },
    waitSeconds: e.TRIGGERS_BENCH_WAIT_SECONDS ?? (ci ? 30 : 60),
    logLevel: e.LOG_LEVEL ?? 'error',
    command: commandLine(env),
  };
}

/** The command as typed, with the variables that changed the run. */
function commandLine(env: NodeJS.ProcessEnv): string {
  const vars = Object.entries(env)
    .filter(([key, value]) => (key.startsWith('TRIGGERS_BENCH_') || key === 'CI') && value)
    .sort(([a], [b]) => (a === 'CI' ? -1 : b === 'CI' ? 1 : a.localeCompare(b)))
    .map(([key, value]) => `${key}=${value}`);
  return [...vars, 'npm run bench -- triggers'].join(' ');
}
