import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { DestinationOptions } from '../destination';
import { VendorHttp, VendorUnavailableError, type VendorRequest } from '../http/vendor-http';
import type { NoteWriter } from '../notes';
import { SmartRecruitersAuth } from './smartrecruiters.auth';
import { SMARTRECRUITERS_DEFAULT_BASE_URL, SMARTRECRUITERS_PACING } from './smartrecruiters.client';
import { describeSrError, parseJson } from './smartrecruiters.errors';

/**
 * Notes written back to SmartRecruiters (ATS-APIS.md §3.6). SR has no note resource: a note is
 * a message shared with `POST /messages/shares` whose content tags the candidate with
 * `#[CANDIDATE:<id>]`, shared as an open note (everyone who may see the candidate). The share
 * call does not say whether the tag named a candidate, so the candidate is read first: a
 * deleted one is `not_found` instead of a message attached to nothing.
 *
 * Calls keep the mirror's pace (under SR's 10 requests/s per credential), 429s are waited out,
 * and the share is sent once: a 5xx or timeout is `unavailable`, never a second share.
 */

const SHARES = '/messages/shares';

/** The scopes each call needs (SR's OAuth scope names), when SR's refusal does not name one. */
const SHARE_SCOPE = 'messages_write';
const READ_SCOPE = 'candidates_read';

/** SR answers `{id, shareRequired?}` (201); no creation time. */
const shareAnswerSchema = z.looseObject({ id: z.string().min(1) });

type NoteResult = Result<{ remoteId: string | null; createdAt: Date | null }, ConnectorError>;

export class SmartRecruitersNoteWriter implements NoteWriter {
  private readonly http: VendorHttp;
  private readonly auth: SmartRecruitersAuth;

  constructor(options: Pick<DestinationOptions, 'baseUrl' | 'credentials' | 'onRateLimited'>) {
    const baseUrl = (options.baseUrl ?? SMARTRECRUITERS_DEFAULT_BASE_URL).replace(/\/+$/, '');
    const auth = new SmartRecruitersAuth(
      baseUrl,
      {
        smartToken: options.credentials['smartToken'],
        clientId: options.credentials['clientId'],
        clientSecret: options.credentials['clientSecret'],
      },
      Date.now,
    );
    this.auth = auth;
    this.http = new VendorHttp({
      vendor: 'smartrecruiters',
      baseUrl,
      gate: SMARTRECRUITERS_PACING,
      // SR recommends a client timeout of at least 128 s (§3.7).
      timeoutMs: 130_000,
      authHeaders: () => Promise.resolve(auth.headers()),
      // An API key cannot be refreshed; a token is granted again once (see SmartRecruitersClient).
      ...(auth.usesOAuth
        ? {
            onUnauthorized: async () => {
              await auth.refresh();
              return true;
            },
          }
        : {}),
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    });
  }

  async addNote(remoteCandidateId: string, text: string): Promise<NoteResult> {
    const ready = await this.auth.ready();
    if (!ready.ok) return ready;
    const candidate = await this.call(
      { path: `/candidates/${encodeURIComponent(remoteCandidateId)}` },
      READ_SCOPE,
    );
    if (!candidate.ok) return candidate;

    const shared = await this.call(
      {
        method: 'POST',
        path: SHARES,
        json: {
          // Our tag before the partner's text, so a tag the text happens to hold comes second.
          content: `#[CANDIDATE:${remoteCandidateId}]\n${text}`,
          shareWith: { users: [], hiringTeamOf: [], everyone: false, openNote: true },
        },
        once: true,
      },
      SHARE_SCOPE,
    );
    if (!shared.ok) return shared;
    // A 2xx means the share exists: an unreadable answer is still a success, without the id.
    const answer = shareAnswerSchema.safeParse(shared.value);
    return ok({ remoteId: answer.success ? answer.data.id : null, createdAt: null });
  }

  /** The parsed body of a 2xx answer, or why not. Never throws. */
  private async call(
    request: VendorRequest,
    scope: string,
  ): Promise<Result<unknown, ConnectorError>> {
    const what = `SmartRecruiters ${request.method ?? 'GET'} ${request.path}`;
    try {
      const response = await this.http.request(request);
      const body = response.body.length === 0 ? null : parseJson(response.text());
      if (response.status >= 200 && response.status < 300) return ok(body);
      return err(this.failure(what, response.status, body, scope));
    } catch (error) {
      const message = error instanceof VendorUnavailableError ? error.message : String(error);
      return err({ kind: 'unavailable', message: `${what}: ${message}` });
    }
  }

  private failure(what: string, status: number, body: unknown, scope: string): ConnectorError {
    const detail = describeSrError(body, status);
    if (status === 401) {
      // After a refused token grant, why the grant failed says more than the 401.
      return this.auth.lastError ?? { kind: 'auth', message: `${what}: ${detail}` };
    }
    if (status === 403) {
      const named = /\b([a-z]+_[a-z_]+)\b scope/.exec(detail)?.[1];
      return {
        kind: 'permission',
        message: `The SmartRecruiters credentials may not call ${what}: ${detail}`,
        missing: [named ?? scope],
      };
    }
    if (status === 404 || status === 410)
      return { kind: 'not_found', message: `${what}: ${detail}` };
    if (status === 429 || status >= 500)
      return { kind: 'unavailable', message: `${what}: ${detail}` };
    return { kind: 'invalid_response', message: `${what}: ${detail}` };
  }
}
