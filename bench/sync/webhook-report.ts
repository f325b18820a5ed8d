import { int, latencyMs, pct, rate, table } from './format';
import type { Latency, WebhookFigures } from './webhook-latency';

const TITLES = { ashby: 'Ashby', greenhouse: 'Greenhouse', smartrecruiters: 'SmartRecruiters' };

const triple = (l: Latency, wait: number): string =>
  `${latencyMs(l.p50, wait)} / ${latencyMs(l.p95, wait)} / ${latencyMs(l.p99, wait)}`;

/** The webhook → row-updated (and → searchable) latency table, with how it was measured. */
export function webhookSection(webhooks: WebhookFigures[]): string {
  const first = webhooks[0];
  if (!first) return '';
  const seconds = Math.round(first.sent / first.eventsPerSecond);
  const rows = webhooks.map((w) => {
    const apiRate = w.traffic.counted / (w.spanMs / 1000);
    const callsPerRow = w.traffic.counted / Math.max(1, w.arrivedInDatabase);
    return [
      TITLES[w.vendor],
      int(w.sent),
      `${int(w.arrivedInDatabase)} (${pct((100 * w.arrivedInDatabase) / Math.max(1, w.sent))})`,
      triple(w.database, w.waitSeconds),
      `${int(w.arrivedInSearch)} of ${int(w.searchChecked)}`,
      triple(w.search, w.waitSeconds),
      `${int(w.deliveries.acceptedMoves)}: ${latencyMs(w.deliveries.acceptedP50, w.waitSeconds)} / ${latencyMs(w.deliveries.acceptedP95, w.waitSeconds)}`,
      `${int(w.deliveries.succeeded)} / ${int(w.deliveries.failed)}, ${w.deliveries.attempts > 0 ? `${Math.round(w.deliveries.answerP50)} / ${Math.round(w.deliveries.answerP95)} ms` : 'no deliveries'}`,
      `${int(w.traffic.counted)} (${rate(apiRate)}, ${pct((100 * apiRate) / w.allowedRate)} of allowed), ${int(w.traffic.throttled)} × 429`,
      `${callsPerRow.toFixed(1)} → ${rate(w.allowedRate / callsPerRow)}`,
    ];
  });
  return [
    `### Webhook → row updated (${first.eventsPerSecond} events/s for ${seconds} s)`,
    `On each synced connection (the vendors whose simulators sign and deliver webhooks to a URL configured "in their UI"), the bench moved ${first.eventsPerSecond} random active applications per second to their next stage, evenly spread, each application once. Latency runs from the mutation in the simulator to the first database poll that saw the mirrored application at the new stage (one query for all pending events every 20 ms; the time the query was issued), and to the first search that returned the candidate under the new stage facet (\`searchCandidates\` with \`email:…\` terms and a \`stages\` filter, every 100 ms; only moves where no other application of the candidate holds that stage are checked). The bench waited up to ${first.waitSeconds} s after the last move; events that had not arrived by then count as slower than that. "Webhook accepted" runs from the move to the app's 2xx answer to the first delivery about it; deliveries are the simulator's attempts (sent one at a time per receiver, in order, so a slow answer delays every later event) and how fast the app answered them. The API traffic is the app reading each changed candidate back, under the same rate limit as the sync (short spans let the first window's burst through, so they can exceed 100 %). Calls per row updated divide those calls by the rows that arrived (calls for events still in flight count too, so it is an upper bound), and the allowed rate by that gives the events per second the vendor's limit can sustain.`,
    table(
      [
        'vendor',
        'events',
        'rows updated',
        'row updated p50 / p95 / p99',
        'searchable (checked)',
        'search p50 / p95 / p99',
        'webhook accepted: moves, p50 / p95',
        'deliveries ok / failed, app answer p50 / p95',
        'vendor API calls during the phase',
        'API calls per row updated → events/s the limit sustains',
      ],
      rows,
    ),
    'What the app asked the vendor for while applying them (calls per stage move):',
    table(
      ['vendor', 'endpoint', 'calls', 'per event'],
      webhooks.flatMap((w) =>
        w.traffic.byEndpoint
          .filter((e) => e.counted > 0)
          .slice(0, 8)
          .map((e) => [
            TITLES[w.vendor],
            `\`${e.endpoint}\``,
            int(e.counted),
            (e.counted / Math.max(1, w.sent)).toFixed(2),
          ]),
      ),
    ),
  ].join('\n\n');
}
