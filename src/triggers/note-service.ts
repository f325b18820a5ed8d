import type { DataSource } from 'typeorm';
import {
  type AppError,
  BadInputError,
  ForbiddenError,
  NotFoundError,
  UpstreamUnavailableError,
} from '../common/errors';
import type { Logger } from '../common/logger';
import type { ConnectorError } from '../connectors/connector';
import type { NoteWriter } from '../connectors/notes';
import type { OrgScope } from '../database/org-scope';
import { Candidate, Connection, Note } from '../entities';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';

/** Builds the note side of an ATS connection with its opened credentials (null: not an ATS). */
export type NoteWriterFactory = (connection: Connection) => NoteWriter | null;

const MAX_TEXT = 20_000;

/**
 * addNote (capability 9): a partner's result written back to the candidate in their ATS. The
 * note is stored first; when the ATS cannot be reached it stays PENDING and a queued job tries
 * again (with backoff), so nothing a partner sent is lost. A refusal for this candidate is a
 * clear error, not a 500.
 */
export class NoteService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      writers: NoteWriterFactory;
      queue: JobQueue<AppJob>;
      logger: Logger;
    },
  ) {}

  async add(
    scope: OrgScope,
    input: { candidateId: string; text: string; connectionId?: string | null },
  ): Promise<Note> {
    const text = input.text.trim();
    if (!text || text.length > MAX_TEXT)
      throw new BadInputError(`text must be 1 to ${MAX_TEXT} characters`, { field: 'text' });
    const candidate = await scope.findById(Candidate, input.candidateId);
    if (!candidate || candidate.deletedAt || candidate.mergedIntoId)
      throw new NotFoundError('Candidate', input.candidateId);
    // A candidate row belongs to one ATS connection: a note goes there.
    if (input.connectionId && input.connectionId !== candidate.connectionId) {
      throw new BadInputError(
        `candidate ${candidate.id} is mirrored from connection ${candidate.connectionId}, not ${input.connectionId}`,
        { field: 'connectionId' },
      );
    }
    const connection = await scope.findById(Connection, candidate.connectionId);
    if (!connection) throw new NotFoundError('Connection', candidate.connectionId);
    const writer = this.deps.writers(connection);
    if (!writer)
      throw new BadInputError(`${connection.provider} takes no notes`, { field: 'candidateId' });
    const note = await scope.insert(Note, {
      candidateId: candidate.id,
      connectionId: connection.id,
      userId: scope.tenant.userId,
      text,
      state: 'PENDING',
      remoteId: null,
      attempts: 0,
      error: null,
      writtenAt: null,
    });
    const failure = await this.write(note, candidate.remoteId, writer);
    if (failure && !failure.retry) throw failure.error;
    if (failure) {
      // The ATS is down: the note waits and is written by a queued job.
      await this.deps.queue.send({ type: 'write-note', noteId: note.id }, { retryLimit: 8 });
    }
    return this.deps.dataSource.getRepository(Note).findOneByOrFail({ id: note.id });
  }

  /** The queued retry of a PENDING note (worker side). Throws to be retried later. */
  async retry(noteId: string): Promise<void> {
    const note = await this.deps.dataSource.getRepository(Note).findOneBy({ id: noteId });
    if (!note || note.state !== 'PENDING') return;
    const candidate = await this.deps.dataSource
      .getRepository(Candidate)
      .findOneBy({ id: note.candidateId, organizationId: note.organizationId });
    const connection = await this.deps.dataSource
      .getRepository(Connection)
      .findOneBy({ id: note.connectionId, organizationId: note.organizationId });
    const writer = connection ? this.deps.writers(connection) : null;
    if (!candidate || !writer) {
      await this.fail(note, 'the candidate or its connection was removed');
      return;
    }
    const failure = await this.write(note, candidate.remoteId, writer);
    if (failure?.retry) throw failure.error;
  }

  /** One attempt; answers why it failed and whether to try again (null when written). */
  private async write(
    note: Note,
    remoteCandidateId: string,
    writer: NoteWriter,
  ): Promise<{ error: AppError; retry: boolean } | null> {
    const notes = this.deps.dataSource.getRepository(Note);
    await notes.increment({ id: note.id }, 'attempts', 1);
    const result = await writer.addNote(remoteCandidateId, note.text);
    if (result.ok) {
      await notes.update(
        { id: note.id },
        { state: 'WRITTEN', remoteId: result.value.remoteId, writtenAt: new Date(), error: null },
      );
      return null;
    }
    const error = noteFailure(result.error);
    const retry = result.error.kind === 'unavailable';
    if (retry) await notes.update({ id: note.id }, { error: result.error.message.slice(0, 500) });
    else await this.fail(note, error.message);
    return { error, retry };
  }

  private async fail(note: Note, message: string): Promise<void> {
    await this.deps.dataSource
      .getRepository(Note)
      .update({ id: note.id }, { state: 'FAILED', error: message.slice(0, 500) });
  }
}

function noteFailure(error: ConnectorError): AppError {
  switch (error.kind) {
    case 'not_found':
      return new NotFoundError('The candidate in the ATS');
    case 'permission':
      return new ForbiddenError(
        `The ATS refused the note: the connection's key lacks ${error.missing.join(', ') || 'the permission to write notes'}.`,
      );
    case 'auth':
      return new UpstreamUnavailableError(
        "The ATS refused the connection's credentials; verify the connection.",
      );
    case 'unavailable':
      return new UpstreamUnavailableError(
        'The ATS could not be reached; the note will be retried.',
      );
    case 'resync_required':
    case 'invalid_response':
      return new UpstreamUnavailableError('The ATS answered the note in an unexpected way.');
  }
}
