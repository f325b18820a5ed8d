import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * CPU seconds spent by this process and by the PostgreSQL cluster while something runs. On a
 * machine shared with other work, wall time says little; CPU time says what the work itself
 * costs, and on N quiet cores it cannot take less than max(bench, (bench + PostgreSQL) / N).
 */
export interface CpuSeconds {
  bench: number;
  /** Null where /proc is not available. */
  postgres: number | null;
}

/** Linux's USER_HZ: /proc reports times in these ticks. */
const TICKS_PER_SECOND = 100;

export class CpuMeter {
  private benchStart = process.cpuUsage();
  private postgresStart: number | null = null;

  constructor(private readonly clusterDir: string) {}

  async start(): Promise<void> {
    this.benchStart = process.cpuUsage();
    this.postgresStart = await postgresTicks(this.clusterDir);
  }

  async stop(): Promise<CpuSeconds> {
    const bench = process.cpuUsage(this.benchStart);
    const end = await postgresTicks(this.clusterDir);
    return {
      bench: (bench.user + bench.system) / 1e6,
      postgres:
        end === null || this.postgresStart === null
          ? null
          : (end - this.postgresStart) / TICKS_PER_SECOND,
    };
  }
}

/**
 * The postmaster's own time, its reaped children's (cutime, cstime: backends and autovacuum
 * workers that exited), and its live children's.
 */
async function postgresTicks(clusterDir: string): Promise<number | null> {
  const pidFile = await fs
    .readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')
    .catch(() => '');
  const postmaster = Number(pidFile.split('\n')[0]);
  if (!postmaster) return null;
  const own = await statTicks(postmaster, true);
  if (own === null) return null;
  const children = await fs
    .readFile(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
    .catch(() => '');
  const pids = children.split(/\s+/).filter(Boolean).map(Number);
  const times = await Promise.all(pids.map((pid) => statTicks(pid, false)));
  return times.reduce<number>((sum, t) => sum + (t ?? 0), own);
}

async function statTicks(pid: number, withChildren: boolean): Promise<number | null> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // Fields after the parenthesized command name; utime is field 14 (index 11 here).
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15);
  return utime + stime + (withChildren ? cutime + cstime : 0);
}
