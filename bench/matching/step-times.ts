import type { DataSource, EntityManager } from 'typeorm';

/**
 * Wall time per step of the matcher, measured from outside: its dependencies (identity loader,
 * profile provider) are wrapped, and its DataSource is a proxy that times every query by what
 * the SQL does. The rest of a run is JavaScript: the rules, the name-rule refusal, bookkeeping.
 */
export class StepTimes {
  private readonly steps = new Map<string, { ms: number; calls: number }>();

  async time<T>(label: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      const step = this.steps.get(label) ?? { ms: 0, calls: 0 };
      step.ms += performance.now() - started;
      step.calls += 1;
      this.steps.set(label, step);
    }
  }

  /** Steps, slowest first. */
  rows(): { label: string; ms: number; calls: number }[] {
    return [...this.steps.entries()]
      .map(([label, s]) => ({ label, ...s }))
      .sort((a, b) => b.ms - a.ms);
  }

  reset(): void {
    this.steps.clear();
  }
}

const LABELS: [RegExp, string][] = [
  [/EXISTS \(SELECT 1 FROM profiles/, 'SQL: does the organization have profiles'],
  [/UNION/, 'SQL: candidates the changed profiles concern'],
  [/FROM search_candidates/, 'SQL: namesake candidates (name rule refusal)'],
  [/^\s*SELECT [^;]*FROM profile_matches/, 'SQL: current matches'],
  [/^\s*DELETE FROM profile_matches/, 'SQL: delete matches'],
  [/INSERT INTO profile_matches/, 'SQL: write matches'],
];

function labelOf(sql: string): string {
  for (const [pattern, label] of LABELS) if (pattern.test(sql)) return label;
  return `SQL: ${sql.replace(/\s+/g, ' ').trim().slice(0, 60)}`;
}

function timedQuery<T extends { query: (sql: string, params?: unknown[]) => Promise<unknown> }>(
  target: T,
  times: StepTimes,
) {
  return <R>(sql: string, params?: unknown[]): Promise<R> =>
    times.time(labelOf(sql), () => target.query(sql, params) as Promise<R>);
}

function profiledManager(manager: EntityManager, times: StepTimes): EntityManager {
  return new Proxy(manager, {
    get(target, property) {
      if (property === 'query') return timedQuery(target, times);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** The DataSource as the matcher sees it: the same database, every query timed. */
export function profiledDataSource(dataSource: DataSource, times: StepTimes): DataSource {
  return new Proxy(dataSource, {
    get(target, property) {
      if (property === 'query') return timedQuery(target, times);
      if (property === 'transaction') {
        return (run: (manager: EntityManager) => Promise<unknown>) =>
          target.transaction((manager) => run(profiledManager(manager, times)));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
