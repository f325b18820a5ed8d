import type { Result } from '../common/result';
import type { Provider } from '../entities/provider';
import type { WebhookEvent } from '../common/webhook-event';
import type {
  AttachmentRef,
  ApplicationRecord,
  CandidateRecord,
  SkippedRecord,
  SyncRecord,
} from './records';

/**
 * The narrow interface between the sync and one vendor. Implementations live in
 * src/connectors/<vendor>/ and speak only that vendor's API (through connectors/http).
 */

export type SyncMode = 'FULL' | 'INCREMENTAL';

/** Why a connector call failed, in terms the sync can act on. */
export type ConnectorError =
  | { kind: 'auth'; message: string }
  | { kind: 'permission'; message: string; missing: string[] }
  /** Incremental state is no longer usable (expired token, too large): run a full sync. */
  | { kind: 'resync_required'; message: string }
  | { kind: 'not_found'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'invalid_response'; message: string };

export interface VerifyResult {
  /** Who/what the credentials belong to, for display. */
  account: string | null;
  /** Permissions the mirroring or export features need that the credentials lack. */
  missingPermissions: string[];
}

export interface PageRequest {
  mode: SyncMode;
  /** The vendor cursor of the page to fetch; null for the first page. */
  cursor: string | null;
  /** This stream's incremental state from the last completed run ({} on a first or full run). */
  state: Record<string, unknown>;
}

export interface Page {
  records: SyncRecord[];
  skipped: SkippedRecord[];
  /** Null on the last page of the stream. */
  nextCursor: string | null;
  /** On the last page: the stream's incremental state to keep once the whole run succeeds. */
  completeState?: Record<string, unknown>;
  /** Total records of the stream, when the vendor says. */
  total?: number | null;
}

export type { WebhookEvent } from '../common/webhook-event';

export interface InboundWebhook {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** The URL the vendor called (some vendors sign it). */
  url: string;
}

/**
 * What a delivery's signature covers, so a replay is recognized by it: a captured delivery can
 * be sent again with anything outside the signature changed (an event-id header, say), never
 * with the signed bytes changed.
 */
export interface SignedContent {
  /** SHA-256 of exactly the bytes the signature covers. */
  digest: Buffer;
  /**
   * Epoch ms after which the signature check refuses this delivery anyway (a signed timestamp
   * plus the vendor's tolerance); null when nothing signed dates it.
   */
  acceptedUntil: number | null;
}

export type WebhookVerdict =
  | { ok: true; events: WebhookEvent[]; deliveryId: string | null; signed: SignedContent }
  /** A handshake to answer (SmartRecruiters echoes X-Hook-Secret). */
  | { ok: true; handshake: { headers: Record<string, string> } }
  | { ok: false; reason: string };

export interface WebhookRegistration {
  remoteId: string;
  events: string[];
}

/** Several candidates' current state: null for one that is gone; related records shared. */
export interface CandidateBatch {
  byId: Map<string, { candidate: CandidateRecord; applications: ApplicationRecord[] } | null>;
  related: SyncRecord[];
  /** Ids whose record the vendor sent malformed: reported, not mirrored. */
  malformed: { remoteId: string; reason: string }[];
}

export interface SourceConnector {
  readonly provider: Provider;
  /**
   * True when downloading files costs no API call (Greenhouse's pre-signed URLs): the sync then
   * fetches files while it pages, instead of after, so the rate-limited pages never wait on them.
   */
  readonly unmeteredDownloads?: boolean;
  verify(): Promise<Result<VerifyResult, ConnectorError>>;
  /** Streams in the order they must run (reference data before the records that point to it). */
  streams(mode: SyncMode): string[];
  fetchPage(stream: string, request: PageRequest): Promise<Result<Page, ConnectorError>>;
  /** The current state of one candidate with their applications (webhooks, repairs). Null when gone. */
  fetchCandidate(remoteId: string): Promise<
    Result<
      {
        candidate: CandidateRecord;
        applications: ApplicationRecord[];
        related: SyncRecord[];
      } | null,
      ConnectorError
    >
  >;
  /**
   * Vendors whose webhooks carry a full application (Ashby): maps it, with the reference
   * records it embeds, so a stage move is mirrored without a call to the vendor.
   */
  applicationFromWebhook?(
    payload: Record<string, unknown>,
  ): Promise<Result<{ application: ApplicationRecord; related: SyncRecord[] }, ConnectorError>>;
  /**
   * Vendors that read many records by id in one call (Greenhouse): the current state of several
   * candidates at once, for bursts of webhooks. Without it, `fetchCandidate` is called per id.
   */
  fetchCandidates?(remoteIds: readonly string[]): Promise<Result<CandidateBatch, ConnectorError>>;
  downloadAttachment(
    ref: AttachmentRef,
  ): Promise<Result<{ content: Buffer; contentType: string | null }, ConnectorError>>;
  /** Checks the vendor's signature with `secret` and reads the events; never throws. */
  parseWebhook(webhook: InboundWebhook, secret: string): WebhookVerdict;
  /** Vendors whose webhooks are created by API (SmartRecruiters): create them. */
  registerWebhooks?(
    callbackUrl: string,
  ): Promise<
    Result<{ registrations: WebhookRegistration[]; secret: string | null }, ConnectorError>
  >;
  unregisterWebhooks?(registrations: WebhookRegistration[]): Promise<Result<void, ConnectorError>>;
}

/** Where a connector sends candidates (export destinations). Defined with the export feature. */
export interface ConnectorContext {
  baseUrl: string | null;
  credentials: Record<string, string>;
  /** Told about every wait the vendor's rate limits cause. */
  onRateLimited?: (waitMs: number) => void;
}
