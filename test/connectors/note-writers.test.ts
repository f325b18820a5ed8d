import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoteWriter, type NoteWriterOptions } from '../../src/connectors/note-writer-factory';
import type { NoteWriter } from '../../src/connectors/notes';
import type { Provider } from '../../src/entities/provider';
import {
  ALL_GREENHOUSE_SCOPES,
  ASHBY_PERMISSIONS,
  SMARTRECRUITERS_SCOPES,
  startAshbySimulator,
  startGreenhouseSimulator,
  startSmartRecruitersSimulator,
  type Dataset,
  type DatasetMutations,
  type FaultControls,
  type RequestLog,
  type StoredNote,
} from '../simulators/index';
import { basicAuth, fetchJson } from '../simulators/testing/http-client';

/**
 * One suite for every ATS note writer (API.md `addNote`), run against each vendor's simulator
 * over loopback. A harness per vendor says how to build the writer, where notes are posted and
 * how to read them back; the checks are shared.
 */

/** What the suite needs of a running simulator. */
interface SimulatorView {
  url: string;
  dataset: Dataset;
  requestLog: RequestLog;
  faults: FaultControls;
  mutate: DatasetMutations;
  notes: readonly StoredNote[];
  close(): Promise<void>;
}

interface NoteHarness {
  sim: SimulatorView;
  /** Full credentials, as a connection would hold them. */
  credentials: Record<string, string>;
  /** Credentials the vendor refuses (deactivated key, wrong secret). */
  refusedCredentials: Record<string, string>;
  /** Credentials allowed everything but writing notes, and the permission the vendor names. */
  noNoteCredentials: { credentials: Record<string, string>; missing: string };
  remoteId(candidateKey: string): string;
  /** The path the note is POSTed to. */
  notePath: string;
  /** The candidate's notes read back as the vendor answers them (SR has no read API: its store). */
  readBack(remoteId: string): Promise<{ id: string; body: string }[]>;
  /** What the vendor keeps for `text` (SR's share content carries the candidate tag). */
  storedBody(remoteId: string, text: string): string;
  /** How the stored note must look besides its text. */
  storedShape: Partial<StoredNote>;
  /** Whether the vendor answers the note's creation time. */
  answersCreatedAt: boolean;
}

interface VendorCase {
  provider: Provider;
  start: () => Promise<NoteHarness>;
}

const VENDORS: VendorCase[] = [
  {
    provider: 'ASHBY',
    async start() {
      const sim = await startAshbySimulator({ seed: 'note-writers-ashby', candidates: 20 });
      const refused = sim.createApiKey(ASHBY_PERMISSIONS);
      sim.deactivateApiKey(refused.apiKey);
      const noWrite = sim.createApiKey(ASHBY_PERMISSIONS.filter((p) => p !== 'candidatesWrite'));
      return {
        sim,
        credentials: { apiKey: sim.credentials.apiKey },
        refusedCredentials: { apiKey: refused.apiKey },
        noNoteCredentials: { credentials: { apiKey: noWrite.apiKey }, missing: 'candidatesWrite' },
        remoteId: (key) => sim.ids.get('candidate', key)!,
        notePath: '/candidate.createNote',
        readBack: async (candidateId) => {
          const answer = await fetchJson<{
            success: boolean;
            results: { id: string; content: string }[];
          }>(`${sim.url}/candidate.listNotes`, {
            method: 'POST',
            headers: {
              authorization: basicAuth(sim.credentials.apiKey),
              'content-type': 'application/json',
            },
            body: JSON.stringify({ candidateId }),
          });
          expect(answer.json.success).toBe(true);
          return answer.json.results.map((n) => ({ id: n.id, body: n.content }));
        },
        storedBody: (_id, text) => text,
        storedShape: { contentType: 'text/plain', visibility: 'public' },
        answersCreatedAt: true,
      };
    },
  },
  {
    provider: 'SMARTRECRUITERS',
    async start() {
      const sim = await startSmartRecruitersSimulator({
        seed: 'note-writers-smartrecruiters',
        candidates: 20,
      });
      const noShare = sim.createCredentials(
        SMARTRECRUITERS_SCOPES.filter((s) => s !== 'messages_write'),
      );
      return {
        sim,
        credentials: { smartToken: sim.credentials.smartToken },
        // A well-formed company key SR never issued.
        refusedCredentials: { smartToken: 'k'.repeat(32) },
        noNoteCredentials: {
          credentials: { smartToken: noShare.smartToken },
          missing: 'messages_write',
        },
        remoteId: (key) => sim.ids.get('candidate', key)!,
        notePath: '/messages/shares',
        readBack: (candidateId) => {
          const key = sim.ids.keyOf('candidate', candidateId);
          return Promise.resolve(
            sim.notes
              .filter((n) => n.candidateKey === key)
              .map((n) => ({ id: n.id, body: n.body })),
          );
        },
        storedBody: (id, text) => `#[CANDIDATE:${id}]\n${text}`,
        storedShape: { visibility: 'open-note' },
        answersCreatedAt: false,
      };
    },
  },
  {
    provider: 'GREENHOUSE',
    async start() {
      const sim = await startGreenhouseSimulator({
        seed: 'note-writers-greenhouse',
        candidates: 20,
      });
      const { clientId, clientSecret, userId } = sim.credentials;
      const noNotes = sim.createCredentials(
        ALL_GREENHOUSE_SCOPES.filter((s) => s !== 'harvest:notes:create'),
      );
      let token: string | null = null;
      const bearer = async (): Promise<string> => {
        if (token) return token;
        const grant = await fetchJson<{ access_token: string }>(`${sim.url}/token`, {
          method: 'POST',
          headers: {
            authorization: basicAuth(clientId, clientSecret),
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ grant_type: 'client_credentials', sub: String(userId) }),
        });
        token = grant.json.access_token;
        return token;
      };
      return {
        sim,
        credentials: { clientId, clientSecret, userId: String(userId) },
        refusedCredentials: { clientId, clientSecret: 'not-the-secret', userId: String(userId) },
        noNoteCredentials: {
          credentials: {
            clientId: noNotes.clientId,
            clientSecret: noNotes.clientSecret,
            userId: String(userId),
          },
          missing: 'harvest:notes:create',
        },
        remoteId: (key) => String(sim.ids.get('candidate', key)),
        notePath: '/v3/notes',
        readBack: async (candidateId) => {
          const answer = await fetchJson<{ id: number; candidate_id: number; body: string }[]>(
            `${sim.url}/v3/notes?candidate_ids=${candidateId}`,
            { headers: { authorization: `Bearer ${await bearer()}` } },
          );
          expect(answer.status).toBe(200);
          return answer.json.map((n) => ({ id: String(n.id), body: n.body }));
        },
        storedBody: (_id, text) => text,
        storedShape: {
          visibility: 'publicly_visible',
          authorKey: sim.ids.keyOf('user', userId)!,
        },
        answersCreatedAt: true,
      };
    },
  },
];

/** A partner's result: non-ASCII, quotes, an ampersand and a line break must survive as sent. */
const RESULT_TEXT =
  'Assessment "Backend II": 87/100 — passed ✓ (Zoë Müller reviewed)\n' +
  'Report: https://partner.example/r/42?lang=en&view=full';

describe.each(VENDORS)('$provider note writer against its simulator', ({ provider, start }) => {
  let h: NoteHarness;
  let unused: string[];

  beforeAll(async () => {
    h = await start();
    unused = [...h.sim.dataset.candidates.values()].map((c) => c.key);
  });
  afterAll(() => h.sim.close());

  /** A candidate no other test has touched. */
  const freshCandidate = (): string => {
    const key = unused.shift();
    if (!key) throw new Error('the dataset ran out of candidates');
    return key;
  };
  const writer = (extra: Partial<NoteWriterOptions> = {}): NoteWriter => {
    const built = createNoteWriter(provider, {
      baseUrl: h.sim.url,
      credentials: h.credentials,
      ...extra,
    });
    if (!built) throw new Error(`no note writer for ${provider}`);
    return built;
  };
  const notesOf = (key: string) => h.sim.notes.filter((n) => n.candidateKey === key);
  const notePosts = (since: number) =>
    h.sim.requestLog.entries
      .slice(since)
      .filter((e) => e.method === 'POST' && e.path === h.notePath);

  it('writes the exact text on the candidate it names, and nowhere else', async () => {
    const key = freshCandidate();
    const bystander = freshCandidate();
    const id = h.remoteId(key);
    const notesBefore = h.sim.notes.length;

    const result = await writer().addNote(id, RESULT_TEXT);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.remoteId).toEqual(expect.any(String));
    if (h.answersCreatedAt) expect(result.value.createdAt).toBeInstanceOf(Date);
    else expect(result.value.createdAt).toBeNull();
    // Read back the way the vendor shows it: one note, the text as sent, under the id answered.
    expect(await h.readBack(id)).toEqual([
      { id: result.value.remoteId, body: h.storedBody(id, RESULT_TEXT) },
    ]);
    expect(h.sim.notes).toHaveLength(notesBefore + 1);
    expect(h.sim.notes.at(-1)).toMatchObject({ candidateKey: key, ...h.storedShape });
    expect(notesOf(bystander)).toEqual([]);
  });

  it('answers not_found for a deleted candidate, and writes nothing', async () => {
    const key = freshCandidate();
    const id = h.remoteId(key);
    h.sim.mutate.deleteCandidate(key);
    const notesBefore = h.sim.notes.length;

    const result = await writer().addNote(id, RESULT_TEXT);

    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(h.sim.notes).toHaveLength(notesBefore);
  });

  it('answers auth for refused credentials', async () => {
    const key = freshCandidate();
    const result = await writer({ credentials: h.refusedCredentials }).addNote(
      h.remoteId(key),
      RESULT_TEXT,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(notesOf(key)).toEqual([]);
  });

  it('answers permission, naming what is missing, for credentials that may not write notes', async () => {
    const key = freshCandidate();
    const { credentials, missing } = h.noNoteCredentials;
    const result = await writer({ credentials }).addNote(h.remoteId(key), RESULT_TEXT);
    expect(result).toMatchObject({ ok: false, error: { kind: 'permission', missing: [missing] } });
    expect(notesOf(key)).toEqual([]);
  });

  it('does not resend the note after a 503: unavailable, one POST, and the next call writes it', async () => {
    const key = freshCandidate();
    const id = h.remoteId(key);
    const logStart = h.sim.requestLog.entries.length;
    const noteWriter = writer();
    h.sim.faults.failNext(1, 503, h.notePath);

    const failed = await noteWriter.addNote(id, RESULT_TEXT);

    expect(failed).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(notePosts(logStart).map((e) => e.status)).toEqual([503]);
    expect(notesOf(key)).toEqual([]);
    // The fault is spent: asked again by its caller, the same writer writes the note once.
    const retried = await noteWriter.addNote(id, RESULT_TEXT);
    expect(retried.ok).toBe(true);
    expect(notesOf(key).map((n) => n.body)).toEqual([h.storedBody(id, RESULT_TEXT)]);
  });

  it('writes the note once when the vendor acted but its answer was lost (503)', async () => {
    const key = freshCandidate();
    const id = h.remoteId(key);
    const logStart = h.sim.requestLog.entries.length;
    // Between writer and vendor: the note POST reaches the simulator, its answer becomes a 503.
    const proxy = await startLossyProxy(h.sim.url, (method, path) => {
      return method === 'POST' && path === h.notePath;
    });
    try {
      const result = await writer({ baseUrl: proxy.url }).addNote(id, RESULT_TEXT);

      expect(result).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
      expect(proxy.lost).toBe(1);
      expect(notePosts(logStart)).toHaveLength(1);
      expect(notesOf(key).map((n) => n.body)).toEqual([h.storedBody(id, RESULT_TEXT)]);
    } finally {
      await proxy.close();
    }
  });

  it('waits out a 429 with Retry-After and writes the note once', async () => {
    const key = freshCandidate();
    const id = h.remoteId(key);
    const logStart = h.sim.requestLog.entries.length;
    const waits: number[] = [];
    h.sim.faults.throttleNext(1, 1, h.notePath);
    const started = Date.now();

    const result = await writer({ onRateLimited: (ms) => waits.push(ms) }).addNote(id, RESULT_TEXT);

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Math.max(0, ...waits)).toBeGreaterThanOrEqual(950);
    const statuses = notePosts(logStart).map((e) => e.status);
    expect(statuses).toHaveLength(2);
    expect(statuses[0]).toBe(429);
    expect(statuses[1]).toBeGreaterThanOrEqual(200);
    expect(statuses[1]).toBeLessThan(300);
    expect(notesOf(key).map((n) => n.body)).toEqual([h.storedBody(id, RESULT_TEXT)]);
  });
});

describe('createNoteWriter', () => {
  it('has no note writer for SourceWhale, an outreach tool without candidate records', () => {
    expect(createNoteWriter('SOURCEWHALE', { baseUrl: null, credentials: {} })).toBeNull();
    for (const provider of ['ASHBY', 'GREENHOUSE', 'SMARTRECRUITERS'] as const) {
      expect(createNoteWriter(provider, { baseUrl: null, credentials: {} })).not.toBeNull();
    }
  });
});

/**
 * A loopback proxy that forwards everything to `target` and, for the first request `loses`
 * picks, lets the vendor act but answers 503 instead of the vendor's answer.
 */
async function startLossyProxy(
  target: string,
  loses: (method: string, path: string) => boolean,
): Promise<{ url: string; lost: number; close(): Promise<void> }> {
  const state = { lost: 0 };
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (['host', 'connection', 'content-length'].includes(name) || value === undefined)
          continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = req.method ?? 'GET';
      const upstream = await fetch(`${target}${req.url ?? '/'}`, {
        method,
        headers,
        ...(body.length > 0 ? { body } : {}),
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      const path = new URL(req.url ?? '/', target).pathname;
      if (state.lost === 0 && loses(method, path)) {
        state.lost++;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'upstream connect error' }));
        return;
      }
      const forwarded: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (
          !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)
        )
          forwarded[name] = value;
      });
      res.writeHead(upstream.status, forwarded);
      res.end(answer);
    })().catch((error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get lost() {
      return state.lost;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
