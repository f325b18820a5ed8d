/** What `stageChanged(jobId, stage)` subscribers receive (through PostgreSQL, any process). */
export interface StageChangePayload {
  id: string;
  triggerId: string;
  candidateId: string;
  applicationId: string;
  jobId: string;
  stage: string;
  previousStage: string | null;
  occurredAt: string;
}

export const stageTopic = (organizationId: string): string => `stage:${organizationId}`;

/** The JSON body POSTed to a trigger's webhookUrl (signed, Standard Webhooks headers). */
export interface StageWebhookBody {
  type: 'application.stage_entered';
  /** The event id: the `webhook-id` header is `msg_<id>`, the same on every attempt. */
  id: string;
  occurredAt: string;
  trigger: { id: string; stage: string; jobId: string };
  connection: { id: string; provider: string };
  job: { id: string; remoteId: string; title: string };
  application: {
    id: string;
    remoteId: string;
    stage: string;
    previousStage: string | null;
    status: string;
  };
  candidate: {
    id: string;
    remoteId: string;
    name: string;
    emails: string[];
    phones: string[];
    linkedinUrl: string | null;
  };
}
