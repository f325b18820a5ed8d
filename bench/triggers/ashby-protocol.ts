import { z } from 'zod';

/**
 * What the triggers benchmark asks of its Ashby simulator process and what it answers, checked
 * on both sides of the process boundary. Times are epoch ms on the shared system clock.
 */
export const AshbyStart = z.object({
  candidates: z.number().int().positive(),
  seed: z.string(),
});
export type AshbyStart = z.infer<typeof AshbyStart>;

const Stage = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.string(),
  order: z.number(),
});

export const AshbyInfo = z.object({
  url: z.string(),
  apiKey: z.string(),
  candidates: z.number().int(),
  stages: z.array(Stage),
  /** Neutral job key → Ashby job id. */
  jobs: z.array(z.object({ key: z.string(), remoteId: z.string() })),
  /** Applications with a job, as generated. */
  applications: z.array(
    z.object({
      key: z.string(),
      remoteId: z.string(),
      jobKey: z.string(),
      stageKey: z.string(),
      status: z.string(),
    }),
  ),
});
export type AshbyInfo = z.infer<typeof AshbyInfo>;

export const AshbyCommand = z.discriminatedUnion('type', [
  /** "Configures the webhook in the Ashby UI": every webhook type, signed with `secret`. */
  z.object({ type: z.literal('registerWebhook'), url: z.string(), secret: z.string() }),
  /** A recruiter moves the application to the stage; Ashby then sends its webhooks. */
  z.object({ type: z.literal('move'), applicationKey: z.string(), stageKey: z.string() }),
  /** The webhook POSTs the simulator began since `since`. */
  z.object({ type: z.literal('sends'), since: z.number() }),
  z.object({ type: z.literal('close') }),
]);
export type AshbyCommand = z.infer<typeof AshbyCommand>;

/** One webhook POST of the simulator's: when it began, how the app answered, the ids it names. */
export const WebhookSend = z.object({
  sentAt: z.number(),
  durationMs: z.number(),
  ok: z.boolean(),
  ids: z.array(z.string()),
});
export type WebhookSend = z.infer<typeof WebhookSend>;

/** The answer schema of each command. */
export const ASHBY_REPLIES = {
  registerWebhook: z.null(),
  /** When the mutation was made (sub-ms precision). */
  move: z.object({ movedAt: z.number() }),
  sends: z.array(WebhookSend),
  close: z.null(),
} as const;
export type AshbyReplyOf<T extends AshbyCommand['type']> = z.infer<(typeof ASHBY_REPLIES)[T]>;

/** Child → parent messages. */
export const AshbyMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), info: AshbyInfo }),
  z.object({ type: z.literal('reply'), id: z.number(), result: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().nullable(), message: z.string() }),
]);
export type AshbyMessage = z.infer<typeof AshbyMessage>;

/** Parent → child messages. */
export const AshbyRequest = z.object({ id: z.number(), command: AshbyCommand });
export type AshbyRequest = z.infer<typeof AshbyRequest>;
