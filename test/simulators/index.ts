/**
 * Local HTTP simulators of the vendor APIs in ATS-APIS.md, over one deterministic data generator.
 * Connectors are built and tested against these instead of the real services.
 */
export * from './generator';
export type { SimulatorHandle, SimulatorOptions, RateLimitControls } from './common/harness-types';
export type {
  DatasetMutations,
  CandidatePatch,
  JobPatch,
  RandomChange,
  RandomChangeKind,
} from './common/dataset-mutator';
export type { DatasetEvent } from './common/dataset-events';
export type { FaultControls, PathMatch } from './common/fault-injector';
export type { VendorIds, IdKind } from './common/id-registry';
export type { RateLimitPolicy } from './common/rate-limiter';
export type { RequestLog, RequestLogEntry } from './common/request-log';
export type { WebhookDelivery, WebhookLog, WebhookRetryOptions } from './common/webhook-sender';
export type { StoredNote } from './common/note-store';
export { renderAttachment, attachmentText } from './common/attachment-files';
export { asciiJson } from './common/ascii-json';
// Helpers for tests written against the simulators (webhook receivers, document text).
export {
  startWebhookReceiver,
  type WebhookReceiver,
  type ReceivedRequest,
  type ReceiverReply,
} from './testing/webhook-receiver';
export { pdfText, docxText, normalizeWhitespace } from './testing/documents';
export {
  startAshbySimulator,
  ASHBY_DEFAULT_RATE_LIMIT,
  type AshbySimulator,
  type AshbySimulatorOptions,
  type AshbyCredentials,
  type AshbyFaultControls,
  type AshbyWebhookControls,
} from './ashby/ashby-simulator';
export { ASHBY_PERMISSIONS, type AshbyPermission } from './ashby/ashby-api-keys';
export {
  ASHBY_WEBHOOK_TYPES,
  type AshbyWebhook,
  type AshbyWebhookType,
  type AshbyWebhookRegistration,
} from './ashby/ashby-webhooks';
export {
  startGreenhouseSimulator,
  GREENHOUSE_DEFAULT_RATE_LIMIT,
  type GreenhouseSimulator,
  type GreenhouseCredentials,
  type GreenhouseFaultControls,
  type GreenhouseWebhookControls,
} from './greenhouse/greenhouse-simulator';
export {
  ALL_GREENHOUSE_SCOPES,
  GREENHOUSE_RESOURCES,
  type GreenhouseScope,
} from './greenhouse/greenhouse-auth';
export {
  GREENHOUSE_WEBHOOK_EVENTS,
  type GreenhouseWebhook,
  type GreenhouseWebhookEvent,
  type GreenhouseWebhookRegistration,
} from './greenhouse/greenhouse-webhooks';
export {
  startSmartRecruitersSimulator,
  SMARTRECRUITERS_DEFAULT_RATE_LIMIT,
  type SmartRecruitersSimulator,
  type SmartRecruitersSimulatorOptions,
  type SmartRecruitersCredentials,
  type SmartRecruitersFaultControls,
  type SmartRecruitersWebhookControls,
} from './smartrecruiters/smartrecruiters-simulator';
export {
  SMARTRECRUITERS_SCOPES,
  type SmartRecruitersScope,
} from './smartrecruiters/smartrecruiters-auth';
export {
  SMARTRECRUITERS_EVENTS,
  type SmartRecruitersEvent,
  type Subscription as SmartRecruitersSubscription,
} from './smartrecruiters/smartrecruiters-subscriptions';
export { srSignedPayload } from './smartrecruiters/smartrecruiters-webhooks';
export {
  startSourceWhaleSimulator,
  SOURCEWHALE_DEFAULT_RATE_LIMIT,
  type SourceWhaleSimulator,
  type SourceWhaleSimulatorOptions,
} from './sourcewhale/sourcewhale-simulator';
export type {
  SourceWhaleStore,
  SourceWhaleCandidate,
  SourceWhaleCampaign,
  SourceWhaleProject,
  SourceWhaleUser,
} from './sourcewhale/sourcewhale-store';
export {
  SOURCEWHALE_HOOK_EVENTS,
  type SourceWhaleHookEvent,
} from './sourcewhale/sourcewhale-hooks';
