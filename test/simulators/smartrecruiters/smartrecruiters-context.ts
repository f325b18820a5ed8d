/** State shared by the SmartRecruiters route modules. */
import type { SimulatorClock } from '../common/clock';
import type { DatasetMutator } from '../common/dataset-mutator';
import type { IdRegistry } from '../common/id-registry';
import type { NoteStore } from '../common/note-store';
import type { RouteSpec } from '../common/request-pipeline';
import type { WebhookLog } from '../common/webhook-sender';
import type { Dataset } from '../generator';
import type { SmartRecruitersPrincipal } from './smartrecruiters-auth';
import type { SmartRecruitersSerializer } from './smartrecruiters-serializers';
import type { SubscriptionStore } from './smartrecruiters-subscriptions';

export interface SmartRecruitersContext {
  dataset: Dataset;
  ids: IdRegistry<string>;
  serializer: SmartRecruitersSerializer;
  mutator: DatasetMutator;
  clock: SimulatorClock;
  notes: NoteStore;
  subscriptions: SubscriptionStore;
  deliveries: WebhookLog;
  baseUrl: () => string;
}

export type SmartRecruitersRoute = RouteSpec<SmartRecruitersPrincipal>;
