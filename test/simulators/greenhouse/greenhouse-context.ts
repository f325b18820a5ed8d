/** State shared by the Greenhouse route modules. */
import type { SimulatorClock } from '../common/clock';
import type { DatasetMutator } from '../common/dataset-mutator';
import type { IdRegistry } from '../common/id-registry';
import type { NoteStore } from '../common/note-store';
import type { RouteSpec } from '../common/request-pipeline';
import type { UrlSigner } from '../common/signed-url';
import type { Dataset } from '../generator';
import type { GreenhousePrincipal } from './greenhouse-auth';
import type { GreenhouseSerializer } from './greenhouse-serializers';

export interface GreenhouseContext {
  dataset: Dataset;
  ids: IdRegistry<number>;
  serializer: GreenhouseSerializer;
  mutator: DatasetMutator;
  clock: SimulatorClock;
  notes: NoteStore;
  files: UrlSigner;
  baseUrl: () => string;
}

export type GreenhouseRoute = RouteSpec<GreenhousePrincipal>;
