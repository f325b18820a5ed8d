import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Peak memory while something runs: this process's RSS, and (on Linux) the PostgreSQL server's
 * processes summed by PSS, which splits shared buffers among the processes that map them rather
 * than counting them once per backend.
 */
export class MemorySampler {
  private peakRss = 0;
  private peakPostgres = 0;
  private timer: NodeJS.Timeout | null = null;
  private sampling = Promise.resolve();

  constructor(private readonly clusterDir: string | null) {}

  start(intervalMs = 500): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Stops sampling; returns the peaks since `start` and resets them. */
  async stop(): Promise<{ rssBytes: number; postgresBytes: number | null }> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    await this.sampling;
    const peaks = {
      rssBytes: this.peakRss,
      postgresBytes: this.peakPostgres > 0 ? this.peakPostgres : null,
    };
    this.peakRss = 0;
    this.peakPostgres = 0;
    return peaks;
  }

  private sample(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
    if (!this.clusterDir) return;
    const clusterDir = this.clusterDir;
    this.sampling = this.sampling
      .then(() => postgresPss(clusterDir))
      .then((bytes) => {
        this.peakPostgres = Math.max(this.peakPostgres, bytes ?? 0);
      })
      .catch(() => undefined);
  }
}

/** PSS of the postmaster and its children, or null where /proc is not available. */
async function postgresPss(clusterDir: string): Promise<number | null> {
  const pidFile = await fs
    .readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')
    .catch(() => '');
  const postmaster = Number(pidFile.split('\n')[0]);
  if (!postmaster) return null;
  const children = await fs
    .readFile(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
    .catch(() => null);
  if (children === null) return null;
  const pids = [postmaster, ...children.split(/\s+/).filter(Boolean).map(Number)];
  const sizes = await Promise.all(pids.map(pssOf));
  return sizes.reduce((sum, s) => sum + s, 0);
}

async function pssOf(pid: number): Promise<number> {
  const rollup = await fs.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kb = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}
