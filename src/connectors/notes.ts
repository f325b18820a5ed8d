import type { Result } from '../common/result';
import type { ConnectorError } from './connector';

/**
 * Writing a note back to a candidate in their ATS (API.md `addNote`): a partner's result (an
 * assessment score, an interview link) lands on the candidate's record. One implementation per
 * ATS, beside its mirroring side.
 */
export interface NoteWriter {
  /**
   * Adds `text` as a note on the candidate `remoteCandidateId` (the ATS's own id). Answers the
   * note's id at the vendor (null where the vendor returns none). A refusal for this candidate
   * (deleted, no permission to write notes) is `not_found` / `permission`, never a throw.
   */
  addNote(
    remoteCandidateId: string,
    text: string,
  ): Promise<Result<{ remoteId: string | null; createdAt: Date | null }, ConnectorError>>;
}
