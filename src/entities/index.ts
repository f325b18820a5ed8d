import { ApiKey } from './api-key.entity';
import { Application } from './application.entity';
import { AtsUser } from './ats-user.entity';
import { Attachment } from './attachment.entity';
import { Candidate } from './candidate.entity';
import { Connection } from './connection.entity';
import { ExportItem } from './export-item.entity';
import { ExportJob } from './export-job.entity';
import { Job } from './job.entity';
import { Note } from './note.entity';
import { Organization } from './organization.entity';
import { ProfileMatch } from './profile-match.entity';
import { Profile } from './profile.entity';
import { RejectionReason } from './rejection-reason.entity';
import { Source } from './source.entity';
import { Stage } from './stage.entity';
import { StageChangeEvent } from './stage-change-event.entity';
import { StageTrigger } from './stage-trigger.entity';
import { SyncRun } from './sync-run.entity';
import { SyncSeen } from './sync-seen.entity';
import { User } from './user.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDigest } from './webhook-digest.entity';
import { WebhookReceipt } from './webhook-receipt.entity';

export {
  ApiKey,
  Application,
  AtsUser,
  Attachment,
  Candidate,
  Connection,
  ExportItem,
  ExportJob,
  Job,
  Note,
  Organization,
  Profile,
  ProfileMatch,
  RejectionReason,
  Source,
  Stage,
  StageChangeEvent,
  StageTrigger,
  SyncRun,
  SyncSeen,
  User,
  WebhookDelivery,
  WebhookDigest,
  WebhookReceipt,
};

/** Every entity, for the DataSource. */
export const ENTITIES = [
  Organization,
  User,
  ApiKey,
  Connection,
  SyncRun,
  Candidate,
  Application,
  Job,
  Stage,
  RejectionReason,
  Source,
  AtsUser,
  Attachment,
  Profile,
  ProfileMatch,
  ExportJob,
  ExportItem,
  StageTrigger,
  StageChangeEvent,
  WebhookDelivery,
  WebhookReceipt,
  WebhookDigest,
  SyncSeen,
  Note,
];
