import type { MigrationInterface } from 'typeorm';
import { Initial1795459246760 } from './1795459246760-initial';
import { SearchTables1795461000000 } from './1795461000000-search-tables';
import { SyncStateAndWebhooks1795461744070 } from './1795461744070-sync-state-and-webhooks';
import { SearchLookupIndex1795469136005 } from './1795469136005-search-lookup-index';
import { SearchChangeSeq1795470000000 } from './1795470000000-search-change-seq';
import { SearchRemovedPruning1795471000000 } from './1795471000000-search-removed-pruning';
import { SearchLookupCovering1795472000000 } from './1795472000000-search-lookup-covering';
import { SearchTextTable1795474000000 } from './1795474000000-search-text-table';
import { ExportRuns1796671124216 } from './1796671124216-export-runs';
import { StageTriggersAndNotes1796672658226 } from './1796672658226-stage-triggers-and-notes';
import { ProfileMatchedAt1796673597015 } from './1796673597015-profile-matched-at';
import { WebhookDigests1796682679798 } from './1796682679798-webhook-digests';
import { SearchApplicationStatus1796690000000 } from './1796690000000-search-application-status';
import { ConnectionSearchReindex1796690000001 } from './1796690000001-connection-search-reindex';
import { ProfileEmailsIndex1796700000000 } from './1796700000000-profile-emails-index';

/** Every migration, oldest first. `npm run migration:generate -- Name` appends here. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795459246760,
  SearchTables1795461000000,
  SyncStateAndWebhooks1795461744070,
  SearchLookupIndex1795469136005,
  SearchChangeSeq1795470000000,
  SearchRemovedPruning1795471000000,
  SearchLookupCovering1795472000000,
  SearchTextTable1795474000000,
  ExportRuns1796671124216,
  StageTriggersAndNotes1796672658226,
  ProfileMatchedAt1796673597015,
  WebhookDigests1796682679798,
  SearchApplicationStatus1796690000000,
  ConnectionSearchReindex1796690000001,
  ProfileEmailsIndex1796700000000,
];
