import { z } from 'zod';
import { Traffic } from '../sync/simulator-protocol';

/**
 * What the export benchmark asks of a simulator process and what it answers, checked on both
 * sides of the process boundary. Times are epoch ms on the shared system clock.
 */

/** The three simulators the benchmark runs, each in its own process. */
export const SIMULATOR_ROLES = ['ats', 'sourcewhale', 'ashby-destination'] as const;
export type SimulatorRole = (typeof SIMULATOR_ROLES)[number];

const Policy = z.object({ limit: z.number().int().positive(), windowMs: z.number().positive() });

export const ExportSimulatorStart = z.object({
  /**
   * `ats`: Ashby serving `candidates` people to mirror; `sourcewhale`: SourceWhale holding the
   * first `candidates` of the same seed's people; `ashby-destination`: a second Ashby (another
   * seed, `candidates` people of its own and its 40 jobs) to export into.
   */
  role: z.enum(SIMULATOR_ROLES),
  candidates: z.number().int().min(0),
  seed: z.string(),
  /** The limit per credential: `none`, the vendor's default, or a window of our own. */
  rateLimit: z.union([z.literal('none'), z.literal('vendor-default'), Policy]),
});
export type ExportSimulatorStart = z.infer<typeof ExportSimulatorStart>;

export const ExportSimulatorInfo = z.object({
  url: z.string(),
  credentials: z.record(z.string(), z.string()),
  /** The limit the simulator enforces; null when none. */
  policy: Policy.nullable(),
  candidates: z.number().int(),
  /** SourceWhale: a campaign and its owner (the user whose key starts the export). */
  campaign: z.object({ campaignId: z.string(), ownerEmail: z.string() }).nullable(),
});
export type ExportSimulatorInfo = z.infer<typeof ExportSimulatorInfo>;

export const ExportSimulatorCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('traffic'), since: z.number(), until: z.number() }),
  z.object({ type: z.literal('serviceTimes'), since: z.number(), until: z.number() }),
  /** The destination's records, placed or not in `target` (a campaign id or an Ashby job id). */
  z.object({ type: z.literal('audit'), target: z.string() }),
  z.object({ type: z.literal('close') }),
]);
export type ExportSimulatorCommand = z.infer<typeof ExportSimulatorCommand>;

/** How long the simulator took to answer counted calls, by endpoint (ms). */
export const ServiceTimes = z.array(
  z.object({
    endpoint: z.string(),
    count: z.number().int(),
    p50Ms: z.number(),
    p95Ms: z.number(),
  }),
);
export type ServiceTimes = z.infer<typeof ServiceTimes>;

/** One person the destination holds, as the correctness checks need them. */
export const AuditRecord = z.object({
  remoteId: z.string(),
  /** Created by a call (not seeded before the benchmark started). */
  createdByApi: z.boolean(),
  emails: z.array(z.string()),
  /** SourceWhale: 1 when in the campaign; Ashby: its applications to the job. */
  placements: z.number().int(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const DestinationAudit = z.object({ records: z.array(AuditRecord) });
export type DestinationAudit = z.infer<typeof DestinationAudit>;

export const EXPORT_REPLIES = {
  traffic: Traffic,
  serviceTimes: ServiceTimes,
  audit: DestinationAudit,
  close: z.null(),
} as const;
export type ExportReplyOf<T extends ExportSimulatorCommand['type']> = z.infer<
  (typeof EXPORT_REPLIES)[T]
>;

/** Child → parent messages. */
export const ExportSimulatorMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), info: ExportSimulatorInfo }),
  z.object({ type: z.literal('reply'), id: z.number(), result: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().nullable(), message: z.string() }),
]);
export type ExportSimulatorMessage = z.infer<typeof ExportSimulatorMessage>;

/** Parent → child messages. */
export const ExportSimulatorRequest = z.object({ id: z.number(), command: ExportSimulatorCommand });
export type ExportSimulatorRequest = z.infer<typeof ExportSimulatorRequest>;
