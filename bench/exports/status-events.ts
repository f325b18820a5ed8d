import { holdSubscription, type HeldSubscription } from '../../test/helpers/subscription';
import { percentile } from '../report';

/** One `exportStatus` event as the subscriber got it. */
export interface ReceivedEvent {
  /** When the app published it (the event's `at`), epoch ms. */
  at: number;
  /** When this subscriber's handler ran, epoch ms. */
  receivedAt: number;
  state: string;
  processed: number;
  results: { candidateId: string; outcome: string }[];
}

const SUBSCRIPTION = `subscription ($id: ID!) { exportStatus(jobId: $id) {
  state processed at results { candidateId outcome } } }`;

/** Subscribes to an export's events over graphql-ws, stamping each with its arrival time. */
export function subscribeToExport(
  url: string,
  key: string,
  jobId: string,
): HeldSubscription<ReceivedEvent> {
  return holdSubscription<ReceivedEvent>(url, key, SUBSCRIPTION, { id: jobId }, (data) => {
    const receivedAt = Date.now();
    const event = data['exportStatus'] as Omit<ReceivedEvent, 'at' | 'receivedAt'> & {
      at: string;
    };
    return { ...event, at: Date.parse(event.at), receivedAt };
  });
}

/** How late the subscriber heard of things, ms. */
export interface EventLag {
  events: number;
  /** Event published (`at`) → received. */
  eventP50: number;
  eventP95: number;
  /** Items whose result some event carried (those decided before the subscription began are not). */
  itemsSeen: number;
  /** Item decided (its `finishedAt`) → the event carrying its result received. */
  itemP50: number;
  itemP95: number;
  itemMax: number;
}

export function eventLag(
  events: readonly ReceivedEvent[],
  finishedAt: ReadonlyMap<string, number>,
): EventLag {
  const published = events.map((e) => e.receivedAt - e.at).sort((a, b) => a - b);
  const items: number[] = [];
  for (const event of events) {
    for (const result of event.results) {
      const finished = finishedAt.get(result.candidateId);
      if (finished !== undefined) items.push(event.receivedAt - finished);
    }
  }
  items.sort((a, b) => a - b);
  return {
    events: events.length,
    eventP50: percentile(published, 50),
    eventP95: percentile(published, 95),
    itemsSeen: items.length,
    itemP50: percentile(items, 50),
    itemP95: percentile(items, 95),
    itemMax: items.at(-1) ?? NaN,
  };
}
