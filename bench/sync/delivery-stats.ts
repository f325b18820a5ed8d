import { percentile } from '../report';
import type { WebhookDelivery } from '../../test/simulators/common/webhook-sender';
import type { DeliveryStats } from './simulator-protocol';

/**
 * The simulator's delivery attempts since `since`: how fast the app answered them, and for each
 * stage move (found by its application id anywhere in a delivered body) how long after the move
 * the app first accepted a webhook about it. The simulator sends one delivery at a time per
 * receiver, so a slow answer delays every later event.
 */
export function deliveryStats(
  deliveries: readonly WebhookDelivery[],
  moved: ReadonlyMap<string, number>,
  since: number,
): DeliveryStats {
  const attempts = deliveries.filter((d) => d.sentAt >= since);
  const answers = attempts.map((d) => d.durationMs).sort((a, b) => a - b);
  const accepted = new Map<string, number>();
  for (const d of attempts) {
    if (!d.ok) continue;
    const answeredAt = d.sentAt + d.durationMs;
    for (const id of scalars(d.body)) {
      const movedAt = moved.get(id);
      if (movedAt === undefined || answeredAt < movedAt) continue;
      accepted.set(id, Math.min(accepted.get(id) ?? Infinity, answeredAt - movedAt));
    }
  }
  const lags = [...moved.keys()]
    .filter((id) => (moved.get(id) ?? 0) >= since)
    .map((id) => accepted.get(id) ?? Infinity)
    .sort((a, b) => a - b);
  const succeeded = attempts.filter((d) => d.ok).length;
  return {
    attempts: attempts.length,
    succeeded,
    failed: attempts.length - succeeded,
    answerP50: percentile(answers, 50),
    answerP95: percentile(answers, 95),
    acceptedMoves: lags.filter(Number.isFinite).length,
    acceptedP50: percentile(lags, 50),
    acceptedP95: percentile(lags, 95),
  };
}

/** Every string and number in a JSON body, as strings (ids are either). */
function scalars(body: string): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') found.add(String(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  try {
    walk(JSON.parse(body));
  } catch {
    // not JSON: no ids to find
  }
  return found;
}
