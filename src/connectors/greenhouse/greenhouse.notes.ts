import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { DestinationOptions } from '../destination';
import { VendorHttp, VendorUnavailableError } from '../http/vendor-http';
import type { NoteWriter } from '../notes';
import { describeError, GreenhouseTokenSource, parseJson } from './greenhouse-auth';
import { ghId } from './greenhouse.schemas';

/**
 * Notes written back to Greenhouse through Harvest v3 (ATS-APIS.md §2.7): `POST /v3/notes` with
 * the candidate, the acting user (the connection's `userId`, also the token's `sub`), the text
 * and `publicly_visible`, so the hiring team sees a partner's result. OAuth client credentials as
 * on the mirroring side. The path is the one the v3 migration guide points to (UNCONFIRMED in
 * Greenhouse's own reference).
 */

const NOTES = '/notes';
/** The scope note creation needs, when Greenhouse's refusal does not name one. */
const NOTE_SCOPE = 'harvest:notes:create';
/** Greenhouse's rate-limit window (v1 documents 10 s; v3 publishes none) and its example limit. */
const PACE = { requests: 49, perMs: 10_250 };

const createdNoteSchema = z.looseObject({
  id: ghId,
  created_at: z.string().nullish(),
});

/** v3 error bodies: `{errors: [{message, field?}]}`, v1 also a top-level `message`. */
const errorBodySchema = z.looseObject({
  errors: z
    .array(z.looseObject({ message: z.string().nullish(), field: z.string().nullish() }))
    .nullish(),
});

type NoteResult = Result<{ remoteId: string | null; createdAt: Date | null }, ConnectorError>;

export class GreenhouseNoteWriter implements NoteWriter {
  private readonly http: VendorHttp;
  private readonly tokens: GreenhouseTokenSource;
  private readonly userId: number | null;
  private lastAuthError: ConnectorError | null = null;

  constructor(options: Pick<DestinationOptions, 'baseUrl' | 'credentials' | 'onRateLimited'>) {
    const base = options.baseUrl?.replace(/\/+$/, '') ?? null;
    const userId = options.credentials['userId'] ?? '';
    const parsedUser = ghId.safeParse(userId);
    this.userId = parsedUser.success ? parsedUser.data : null;
    const tokens = new GreenhouseTokenSource({
      tokenUrl: base ? `${base}/token` : 'https://auth.greenhouse.io/token',
      clientId: options.credentials['clientId'] ?? '',
      clientSecret: options.credentials['clientSecret'] ?? '',
      userId,
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    });
    this.tokens = tokens;
    this.http = new VendorHttp({
      vendor: 'greenhouse',
      baseUrl: base ? `${base}/v3` : 'https://harvest.greenhouse.io/v3',
      gate: { maxConcurrency: 4, rate: PACE },
      authHeaders: () => {
        const token = tokens.current();
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        return Promise.resolve(headers);
      },
      onUnauthorized: async () => {
        const refreshed = await tokens.refresh();
        this.lastAuthError = refreshed.ok ? null : refreshed.error;
        return refreshed.ok;
      },
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    });
  }

  async addNote(remoteCandidateId: string, text: string): Promise<NoteResult> {
    const what = `Greenhouse POST /v3${NOTES}`;
    // Greenhouse ids are integers: anything else names no candidate there.
    const candidateId = ghId.safeParse(remoteCandidateId);
    if (!candidateId.success) {
      return err({
        kind: 'not_found',
        message: `Greenhouse has no candidate ${remoteCandidateId}`,
      });
    }
    const token = await this.tokens.token();
    if (!token.ok) return token;
    let status: number;
    let body: unknown;
    try {
      const response = await this.http.request({
        method: 'POST',
        path: NOTES,
        json: {
          candidate_id: candidateId.data,
          ...(this.userId !== null ? { user_id: this.userId } : {}),
          body: text,
          visibility: 'publicly_visible',
        },
        // A lost answer may hide a written note: sending again could write it twice.
        once: true,
      });
      status = response.status;
      body = response.body.length === 0 ? null : parseJson(response.text());
    } catch (error) {
      const message = error instanceof VendorUnavailableError ? error.message : String(error);
      return err({ kind: 'unavailable', message: `${what}: ${message}` });
    }
    if (status >= 200 && status < 300) {
      // A 2xx means the note exists: an unreadable answer is still a success, without the id.
      const note = createdNoteSchema.safeParse(body);
      return ok({
        remoteId: note.success ? String(note.data.id) : null,
        createdAt: note.success ? toDate(note.data.created_at) : null,
      });
    }
    return err(this.failure(what, status, body));
  }

  private failure(what: string, status: number, body: unknown): ConnectorError {
    const detail = describeError(body, status);
    if (status === 401)
      return this.lastAuthError ?? { kind: 'auth', message: `${what}: ${detail}` };
    if (status === 403) {
      const named = /\bharvest:[a-z_]+:[a-z_]+\b/.exec(detail)?.[0];
      return {
        kind: 'permission',
        message: `The Greenhouse credentials may not write notes: ${detail}`,
        missing: [named ?? NOTE_SCOPE],
      };
    }
    // A missing candidate is a 404, or a 422 on `candidate_id` (a reference that names nothing).
    if (status === 404 || (status === 422 && refusesField(body, 'candidate_id'))) {
      return { kind: 'not_found', message: `${what}: ${detail}` };
    }
    if (status === 429 || status >= 500)
      return { kind: 'unavailable', message: `${what}: ${detail}` };
    return { kind: 'invalid_response', message: `${what}: ${detail}` };
  }
}

function refusesField(body: unknown, field: string): boolean {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success && (parsed.data.errors ?? []).some((e) => e.field === field);
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
