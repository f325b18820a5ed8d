import { In, type DataSource } from 'typeorm';
import type {
  DestinationConnector,
  DestinationError,
  DestinationRecord,
  ExportPerson,
  FieldTargets,
  SendTarget,
} from '../connectors/destination';
import { ExportItem, type ExportJob } from '../entities';
import type { ConnectionSettings } from '../entities/connection.entity';
import type { ExportItemState, ExportOutcome } from '../entities/export-item.entity';
import { dummyEmail } from './dummy-email';
import type { ExportItemResult } from './export-events';
import { missingMandatory, plannedFields, protectedOmissions } from './field-rules';

/** Sends of one item before it fails for an unreachable destination (each a queue retry apart). */
const MAX_ATTEMPTS = 5;
const MAX_MESSAGE = 300;

export type ItemDecision =
  | { kind: 'result'; result: ExportItemResult }
  /** Someone else decided the item meanwhile (a cancel): nothing was sent. */
  | { kind: 'taken' }
  /** The whole job must stop: retry later (destination down) or fail (credentials refused). */
  | { kind: 'stop'; retry: boolean; message: string };

interface Outcome {
  state: ExportItemState;
  outcome: ExportOutcome;
  message?: string | null;
  remoteId?: string | null;
  sentFields?: string[];
  /** Destination calls made for the item so far (when it was claimed for one). */
  attempts?: number;
}

/**
 * One item of an export, decided: skipped (previously exported, missing a mandatory field),
 * sent (created or updated at the destination, protected fields kept), or failed. Its state is
 * written as SENDING before the destination call and with the result after it.
 */
export class ExportItemSender {
  private readonly target: SendTarget;

  constructor(
    private readonly ctx: {
      dataSource: DataSource;
      job: ExportJob;
      destination: DestinationConnector;
      targets: FieldTargets;
      settings: ConnectionSettings;
      dummyEmailDomain: string;
    },
  ) {
    const { job } = ctx;
    this.target =
      job.exportAs === 'PROSPECT'
        ? { as: 'PROSPECT', campaignId: job.campaignId ?? '' }
        : { as: 'CANDIDATE', jobId: job.jobId ?? '' };
  }

  async send(item: ExportItem, person: ExportPerson | null): Promise<ItemDecision> {
    const { job, destination, settings, targets } = this.ctx;
    if (!person) {
      return this.decide(item, {
        state: 'FAILED',
        outcome: 'FAILED',
        message: 'the candidate was deleted before it was sent',
      });
    }
    const previous = await this.previousExport(item);
    if (previous && !job.includePreviouslyExported) {
      return this.decide(item, {
        state: 'SKIPPED',
        outcome: 'SKIPPED_PREVIOUSLY_EXPORTED',
        remoteId: previous,
        message: 'already exported to this destination',
      });
    }
    const outgoing = this.withDummyEmail(person);
    const missing = missingMandatory(outgoing, settings.mandatoryFields);
    if (missing) {
      return this.decide(item, {
        state: 'SKIPPED',
        outcome: 'SKIPPED_MISSING_MANDATORY',
        message: `missing mandatory field: ${missing}`,
      });
    }
    const attempts = await this.claim(item);
    if (attempts === null) return { kind: 'taken' };
    // A resumed item (attempts > 1) may have reached the destination: looking the person up
    // first makes its second send an update, never a second record.
    const found = await destination.findExisting(outgoing, job.userEmail);
    if (!found.ok) return this.failure(item, found.error, attempts);
    let existing: DestinationRecord | null = found.value;
    let omit = protectedOmissions(settings.protectedFields, targets, existing);
    if (!existing && previous) {
      // The destination's search cannot find the earlier record (no e-mail in common): update it
      // by its id, keeping every protected field, since their values are unknown here.
      existing = { remoteId: previous, fields: {} };
      omit = new Set(
        Object.entries(targets)
          .filter(([field]) =>
            (settings.protectedFields ?? []).some((p) => field === p || field.startsWith(`${p}.`)),
          )
          .flatMap(([, to]) => to),
      );
    }
    if (job.dryRun) {
      return this.decide(item, {
        attempts,
        state: 'SKIPPED',
        outcome: existing ? 'UPDATED' : 'CREATED',
        remoteId: existing?.remoteId ?? null,
        sentFields: plannedFields(outgoing, targets, omit),
        message: 'dry run: nothing was sent',
      });
    }
    const sent = await destination.send({
      person: outgoing,
      target: this.target,
      userEmail: job.userEmail,
      targets,
      omit,
      existing,
    });
    if (!sent.ok) return this.failure(item, sent.error, attempts);
    return this.decide(item, {
      attempts,
      state: 'SUCCEEDED',
      outcome: sent.value.outcome,
      remoteId: sent.value.remoteId,
      sentFields: sent.value.sentFields,
    });
  }

  private withDummyEmail(person: ExportPerson): ExportPerson {
    const { job, dummyEmailDomain } = this.ctx;
    if (!job.generateDummyEmails || person.emails.length > 0) return person;
    return {
      ...person,
      emails: [dummyEmail(person.candidateId, job.destinationId, dummyEmailDomain)],
    };
  }

  /** The remote id of this candidate's latest successful export to this destination. */
  private async previousExport(item: ExportItem): Promise<string | null> {
    const [row] = await this.ctx.dataSource.query<{ remote_id: string | null }[]>(
      `SELECT remote_id FROM export_items
       WHERE organization_id = $1 AND destination_id = $2 AND candidate_id = $3
         AND state = 'SUCCEEDED' AND export_job_id <> $4
       ORDER BY finished_at DESC NULLS LAST LIMIT 1`,
      [item.organizationId, item.destinationId, item.candidateId, item.exportJobId],
    );
    return row?.remote_id ?? null;
  }

  /** Marks the item SENDING (written before the call); null when it is no longer to be sent. */
  private async claim(item: ExportItem): Promise<number | null> {
    const [rows] = await this.ctx.dataSource.query<[{ attempts: number }[], number]>(
      `UPDATE export_items SET state = 'SENDING', attempts = attempts + 1, updated_at = now()
       WHERE id = $1 AND state IN ('PENDING', 'SENDING') RETURNING attempts`,
      [item.id],
    );
    return rows[0]?.attempts ?? null;
  }

  private async failure(
    item: ExportItem,
    error: DestinationError,
    attempts: number,
  ): Promise<ItemDecision> {
    const provider = this.ctx.destination.provider;
    switch (error.kind) {
      case 'unavailable':
        if (attempts < MAX_ATTEMPTS)
          return { kind: 'stop', retry: true, message: 'the destination could not be reached' };
        return this.decide(item, {
          attempts,
          state: 'FAILED',
          outcome: 'FAILED',
          message: `${provider} could not be reached after ${attempts} attempts`,
        });
      case 'auth':
      case 'permission':
        return {
          kind: 'stop',
          retry: false,
          message: `${provider} refused the connection's credentials; verify the connection`,
        };
      case 'rejected':
      case 'not_found':
      case 'invalid_response':
      case 'resync_required':
        return this.decide(item, {
          attempts,
          state: 'FAILED',
          outcome: 'FAILED',
          message: `${provider}: ${error.message}`,
        });
    }
  }

  /** Writes the item's result and the job's counters in one transaction. */
  private async decide(item: ExportItem, outcome: Outcome): Promise<ItemDecision> {
    const message = outcome.message ? outcome.message.slice(0, MAX_MESSAGE) : null;
    const decided = await this.ctx.dataSource.transaction(async (tx) => {
      const result = await tx.getRepository(ExportItem).update(
        { id: item.id, state: In(['PENDING', 'SENDING']) },
        {
          state: outcome.state,
          outcome: outcome.outcome,
          message,
          remoteId: outcome.remoteId ?? null,
          sentFields: outcome.sentFields ?? [],
          finishedAt: new Date(),
        },
      );
      if ((result.affected ?? 0) === 0) return false;
      await tx.query(
        `UPDATE export_jobs SET processed = processed + 1,
           succeeded = succeeded + $2, skipped = skipped + $3, failed = failed + $4, updated_at = now()
         WHERE id = $1`,
        [
          item.exportJobId,
          outcome.state === 'SUCCEEDED' ? 1 : 0,
          outcome.state === 'SKIPPED' ? 1 : 0,
          outcome.state === 'FAILED' ? 1 : 0,
        ],
      );
      return true;
    });
    if (!decided) return { kind: 'taken' };
    return {
      kind: 'result',
      result: {
        candidateId: item.candidateId,
        outcome: outcome.outcome,
        remoteId: outcome.remoteId ?? null,
        error: outcome.state === 'FAILED' ? message : null,
        attempts: outcome.attempts ?? item.attempts,
      },
    };
  }
}
