/** Number formats shared by the sync report's tables. */

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export const pct = (n: number): string => `${Math.round(n)} %`;

export const mib = (bytes: number | null): string =>
  bytes === null ? 'n/a' : `${int(bytes / 2 ** 20)} MiB`;

export const rate = (perSecond: number): string =>
  perSecond >= 10 ? `${perSecond.toFixed(1)}/s` : `${perSecond.toFixed(2)}/s`;

/** 1 h 02 min, 2 min 05 s, 12.3 s. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A latency in ms; "> wait" where the percentile falls among events that never arrived. */
export function latencyMs(ms: number, waitSeconds: number): string {
  if (!Number.isFinite(ms)) return `> ${waitSeconds} s`;
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
