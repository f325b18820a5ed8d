import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { DestinationOptions } from '../destination';
import { VendorHttp, type VendorResponse } from '../http/vendor-http';
import type { NoteWriter } from '../notes';
import { ASHBY_DEFAULT_BASE_URL, ASHBY_GATE } from './ashby.client';
import { toConnectorError } from './ashby.errors';
import { ashbyEnvelopeSchema } from './ashby.schemas';

/**
 * Notes written back to Ashby (ATS-APIS.md §1.6): `candidate.createNote` over the mirror's RPC
 * transport (same base URL, Basic auth, version header and pacing). The note goes in as plain
 * text without notifying anyone. Ashby answers an unknown or deleted candidate with HTTP 200 and
 * `candidate_not_found`, which becomes `not_found`; a key without `candidatesWrite` is
 * `permission`.
 */

const METHOD = 'candidate.createNote';
/** The permission candidate.createNote needs, named when Ashby's refusal does not say. */
const PERMISSION = 'candidatesWrite';
const ACCEPT = 'application/json; version=1';

/** The part of Ashby's note answer we keep; the rest (author, content) is ours already. */
const createdNoteSchema = z.looseObject({
  id: z.string().min(1),
  createdAt: z.string().nullish(),
});

type NoteResult = Result<{ remoteId: string | null; createdAt: Date | null }, ConnectorError>;

export class AshbyNoteWriter implements NoteWriter {
  private readonly http: VendorHttp;

  constructor(options: Pick<DestinationOptions, 'baseUrl' | 'credentials' | 'onRateLimited'>) {
    const apiKey = options.credentials['apiKey'] ?? '';
    const authorization = `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`;
    this.http = new VendorHttp({
      vendor: 'ashby',
      baseUrl: options.baseUrl ?? ASHBY_DEFAULT_BASE_URL,
      // Ashby limits per key, so notes keep the mirror's pace.
      gate: ASHBY_GATE,
      authHeaders: () => Promise.resolve({ authorization }),
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    });
  }

  async addNote(remoteCandidateId: string, text: string): Promise<NoteResult> {
    let response: VendorResponse;
    try {
      response = await this.http.request({
        method: 'POST',
        path: `/${METHOD}`,
        json: { candidateId: remoteCandidateId, note: text, sendNotifications: false },
        headers: { accept: ACCEPT },
        // A lost answer may hide a written note: sending again could write it twice.
        once: true,
      });
    } catch (error) {
      // VendorHttp throws only once it gives up (a 5xx or timeout here, or endless 429s).
      const reason = error instanceof Error ? error.message : String(error);
      return err({ kind: 'unavailable', message: `Ashby ${METHOD}: ${reason}` });
    }
    return readAnswer(response);
  }
}

function readAnswer(response: VendorResponse): NoteResult {
  let body: unknown;
  try {
    body = response.json();
  } catch {
    body = undefined;
  }
  const envelope = ashbyEnvelopeSchema.safeParse(body);
  const is2xx = response.status >= 200 && response.status < 300;
  if (envelope.success && envelope.data.success && is2xx) {
    // `success: true` means the note exists: an answer we cannot read must not make the caller
    // write it again, so it is still a success, without the id.
    const note = createdNoteSchema.safeParse(envelope.data.results);
    return ok({
      remoteId: note.success ? note.data.id : null,
      createdAt: note.success ? toDate(note.data.createdAt) : null,
    });
  }
  if (!envelope.success && is2xx) {
    return err({
      kind: 'invalid_response',
      message: `Ashby ${METHOD}: the answer is not an Ashby envelope (HTTP ${response.status})`,
    });
  }
  return err(
    toConnectorError({
      method: METHOD,
      status: response.status,
      failure: envelope.success && !envelope.data.success ? envelope.data : null,
      permission: PERMISSION,
    }),
  );
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
