import { z } from 'zod';
import { VENDOR_NAMES } from './sync-settings';

/**
 * What the benchmark asks of its simulator process and what that process answers, checked on
 * both sides of the process boundary. Times are epoch ms on the shared system clock.
 */
export const SimulatorStart = z.object({
  vendor: z.enum(VENDOR_NAMES),
  candidates: z.number().int().positive(),
  seed: z.string(),
  /** The secret typed "in the vendor UI" for signed webhooks. */
  webhookSecret: z.string(),
});
export type SimulatorStart = z.infer<typeof SimulatorStart>;

export const SimulatorInfo = z.object({
  url: z.string(),
  credentials: z.record(z.string(), z.string()),
  /** The vendor's default limit the simulator enforces. */
  policy: z.object({
    limit: z.number(),
    windowMs: z.number(),
    concurrency: z.number().optional(),
  }),
  candidates: z.number().int(),
  /** Applications the vendor serves (Ashby and SmartRecruiters have no job-less prospects). */
  applications: z.number().int(),
  jobs: z.number().int(),
  /** Active applications with a job: how many stage moves the webhook phase can make. */
  movable: z.number().int(),
  /** Whether the bench registers the app's webhook URL "in the vendor UI". */
  webhooksByHarness: z.boolean(),
  startMs: z.number(),
});
export type SimulatorInfo = z.infer<typeof SimulatorInfo>;

export const SimulatorCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('traffic'), since: z.number(), until: z.number() }),
  z.object({ type: z.literal('registerWebhook'), url: z.string(), secret: z.string() }),
  z.object({ type: z.literal('moveStage') }),
  z.object({ type: z.literal('deliveries'), since: z.number() }),
  z.object({ type: z.literal('close') }),
]);
export type SimulatorCommand = z.infer<typeof SimulatorCommand>;

/**
 * Requests in a time span, split by whether they count against the vendor's limit: an
 * authenticated API call does (the simulator's limiter draws from its credential's bucket),
 * a public route does not (OAuth token calls, pre-signed file downloads).
 */
export const Traffic = z.object({
  /** Authenticated API calls answered without a 429: what the achieved rate counts. */
  counted: z.number().int(),
  /** 429 answers (rate or concurrency). */
  throttled: z.number().int(),
  /** Public routes: token calls and signed-URL downloads. */
  uncounted: z.number().int(),
  /** The most counted calls in any 60 s stretch (or the whole span when shorter), per second. */
  busiestRate: z.number(),
  /** Summed gaps of ≥ 1 s between consecutive counted calls, ms: when the client sent nothing. */
  idleMs: z.number(),
  byEndpoint: z.array(
    z.object({ endpoint: z.string(), counted: z.number().int(), uncounted: z.number().int() }),
  ),
});
export type Traffic = z.infer<typeof Traffic>;

export const MovedApplication = z.object({
  applicationRemoteId: z.string(),
  candidateRemoteId: z.string(),
  /** The stage name the mirrored row must show. */
  stageName: z.string(),
  /** When the mutation was made (ms, sub-ms precision). */
  mutatedAt: z.number(),
  /** No other application of the candidate is in that stage: the stage facet proves arrival. */
  searchable: z.boolean(),
});
export type MovedApplication = z.infer<typeof MovedApplication>;

/**
 * A latency across the process boundary: JSON turns Infinity (a move never accepted) and NaN
 * (no deliveries at all) into null, which comes back as Infinity, "slower than the wait".
 */
const latency = z
  .number()
  .nullable()
  .transform((ms) => ms ?? Number.POSITIVE_INFINITY);

export const DeliveryStats = z.object({
  attempts: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** Time the app took to answer a delivery, ms. */
  answerP50: latency,
  answerP95: latency,
  /** Moves whose webhook the app accepted (2xx), and the time from the move to that answer. */
  acceptedMoves: z.number().int(),
  acceptedP50: latency,
  acceptedP95: latency,
});
export type DeliveryStats = z.output<typeof DeliveryStats>;

/** The answer schema of each command. */
export const REPLIES = {
  traffic: Traffic,
  registerWebhook: z.null(),
  moveStage: MovedApplication,
  deliveries: DeliveryStats,
  close: z.null(),
} as const;
export type ReplyOf<T extends SimulatorCommand['type']> = z.infer<(typeof REPLIES)[T]>;

/** Child → parent messages. */
export const SimulatorMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), info: SimulatorInfo }),
  z.object({ type: z.literal('reply'), id: z.number(), result: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().nullable(), message: z.string() }),
]);
export type SimulatorMessage = z.infer<typeof SimulatorMessage>;

/** Parent → child messages. */
export const SimulatorRequest = z.object({ id: z.number(), command: SimulatorCommand });
export type SimulatorRequest = z.infer<typeof SimulatorRequest>;
