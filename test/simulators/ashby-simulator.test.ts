import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAshbySimulator, type AshbySimulator } from './index';
import { docxText, normalizeWhitespace, pdfText } from './testing/documents';
import { basicAuth, fetchJson, type JsonResponse } from './testing/http-client';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';

interface Envelope<T> {
  success: boolean;
  results: T;
  moreDataAvailable?: boolean;
  nextCursor?: string;
  syncToken?: string;
  errors?: string[];
  errorInfo?: { code: string; message: string; requestId: string; meta?: Record<string, unknown> };
}

interface Handle {
  handle: string;
}

interface AshbyCandidate {
  id: string;
  name: unknown;
  emailAddresses: Array<{ value: string }>;
  resumeFileHandle?: Handle;
  fileHandles: Handle[];
}

interface AshbyApplication {
  id: string;
  status: string;
  candidate: { id: string };
  currentInterviewStage: { type: string };
  archiveReason: { text: string; reasonType: string } | null;
}

interface AshbyWebhookBody {
  webhookActionId: string;
  action: string;
  data: { application?: { id: string } } & Record<string, unknown>;
}

function call<T = unknown>(
  sim: AshbySimulator,
  method: string,
  body: unknown = {},
  apiKey: string | null = sim.credentials.apiKey,
): Promise<JsonResponse<Envelope<T>>> {
  return fetchJson<Envelope<T>>(`${sim.url}/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json; version=1',
      ...(apiKey ? { authorization: basicAuth(apiKey) } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Follows nextCursor to the end; returns all results and the final syncToken. */
async function listAll<T>(
  sim: AshbySimulator,
  method: string,
  body: Record<string, unknown> = {},
): Promise<{ results: T[]; syncToken: string | undefined; pages: number }> {
  const results: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const { json } = await call<T[]>(sim, method, { ...body, ...(cursor ? { cursor } : {}) });
    expect(json.success, JSON.stringify(json.errorInfo)).toBe(true);
    pages++;
    results.push(...json.results);
    if (!json.moreDataAvailable) {
      expect(json.nextCursor).toBeUndefined();
      return { results, syncToken: json.syncToken, pages };
    }
    expect(json.syncToken).toBeUndefined();
    cursor = json.nextCursor;
  }
}

describe('Ashby simulator', () => {
  let sim: AshbySimulator;

  beforeAll(async () => {
    sim = await startAshbySimulator({ seed: 'ashby-test', candidates: 60 });
  });
  afterAll(() => sim.close());

  describe('authentication', () => {
    it('answers 401 without credentials and 403 for an unknown key, in the error envelope', async () => {
      const missing = await call(sim, 'candidate.list', {}, null);
      expect(missing.status).toBe(401);
      expect(missing.json.success).toBe(false);
      expect(missing.json.errorInfo?.requestId).toBe(missing.headers.get('x-ashby-request-id'));

      const wrong = await call(sim, 'candidate.list', {}, 'not-a-key');
      expect(wrong.status).toBe(403);
      expect(wrong.json.errors).toEqual(['invalid_api_key']);
    });

    it('reports the missing permission of a reduced key', async () => {
      const { apiKey } = sim.createApiKey(['jobsRead']);
      const denied = await call(sim, 'candidate.list', {}, apiKey);
      expect(denied.status).toBe(403);
      expect(denied.json.errorInfo).toMatchObject({
        code: 'missing_endpoint_permission',
        meta: { permission: 'candidatesRead' },
      });
      const allowed = await call(sim, 'job.list', {}, apiKey);
      expect(allowed.json.success).toBe(true);
    });

    it('rejects a deactivated key', async () => {
      const { apiKey } = sim.createApiKey(['candidatesRead']);
      sim.deactivateApiKey(apiKey);
      expect((await call(sim, 'candidate.list', {}, apiKey)).status).toBe(403);
    });

    it('answers domain errors with HTTP 200 and success:false', async () => {
      const { status, json } = await call(sim, 'candidate.info', { id: crypto.randomUUID() });
      expect(status).toBe(200);
      expect(json).toMatchObject({ success: false, errors: ['candidate_not_found'] });
      const invalid = await call(sim, 'candidate.list', { limit: 'ten' });
      expect(invalid.json.errorInfo?.code).toBe('invalid_input');
    });
  });

  describe('pagination', () => {
    it('pages candidate.list to exactly the dataset, with a syncToken on the last page only', async () => {
      const { results, syncToken, pages } = await listAll<AshbyCandidate>(sim, 'candidate.list', {
        limit: 7,
      });
      const expected = [...sim.dataset.candidates.values()].map((c) =>
        sim.ids.get('candidate', c.key),
      );
      expect(results.map((c) => c.id)).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 7));
      expect(syncToken).toMatch(/^st_/);
      const first = [...sim.dataset.candidates.values()][0]!;
      expect(results[0]).toMatchObject({
        name: `${first.firstName} ${first.lastName}`,
        emailAddresses: first.emails.map((e): unknown =>
          expect.objectContaining({ value: e.value }),
        ),
      });
    });

    it('serves only job applications, with Ashby statuses and stages', async () => {
      const { results } = await listAll<AshbyApplication>(sim, 'application.list');
      const expected = [...sim.dataset.applications.values()].filter((a) => a.jobKey !== null);
      expect(results.map((a) => a.id).sort()).toEqual(
        expected.map((a) => sim.ids.get('application', a.key)).sort(),
      );
      const rejected = results.find((a) => a.status === 'Archived')!;
      expect(rejected.currentInterviewStage.type).toBe('Archived');
      expect(rejected.archiveReason).toMatchObject({
        text: expect.any(String),
        reasonType: expect.any(String),
      });
    });

    it('refuses a cursor from another list', async () => {
      const first = await call(sim, 'candidate.list', { limit: 5 });
      const { json } = await call(sim, 'application.list', { cursor: first.json.nextCursor });
      expect(json.errorInfo?.code).toBe('cursor_invalid');
    });
  });

  describe('incremental sync', () => {
    it('returns only what changed since the token, then a new token', async () => {
      const { syncToken } = await listAll<AshbyCandidate>(sim, 'candidate.list');
      const apps = await listAll<AshbyApplication>(sim, 'application.list');
      const edited = [...sim.dataset.candidates.values()][3];
      sim.mutate.updateCandidate(edited!.key);
      const active = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey && a.candidateKey !== edited!.key,
      )!;
      sim.mutate.moveStage(active.key);

      const changed = await listAll<AshbyCandidate>(sim, 'candidate.list', { syncToken });
      expect(changed.results.map((c) => c.id).sort()).toEqual(
        [edited!.key, active.candidateKey].map((k) => sim.ids.get('candidate', k)).sort(),
      );
      expect(changed.syncToken).toBeDefined();
      const changedApps = await listAll<AshbyApplication>(sim, 'application.list', {
        syncToken: apps.syncToken,
      });
      expect(changedApps.results.map((a) => a.id)).toEqual([
        sim.ids.get('application', active.key),
      ]);

      const nothing = await listAll<AshbyCandidate>(sim, 'candidate.list', {
        syncToken: changed.syncToken,
      });
      expect(nothing.results).toEqual([]);
    });

    it('expires tokens on request and after the TTL', async () => {
      const { syncToken } = await listAll<AshbyCandidate>(sim, 'candidate.list');
      sim.faults.expireSyncTokens();
      const { json } = await call(sim, 'candidate.list', { syncToken });
      expect(json).toMatchObject({ success: false, errorInfo: { code: 'sync_token_expired' } });

      const fresh = await listAll<AshbyCandidate>(sim, 'candidate.list');
      sim.faults.setSyncTokenTtl(0);
      expect(
        (await call(sim, 'candidate.list', { syncToken: fresh.syncToken })).json.errorInfo?.code,
      ).toBe('sync_token_expired');
      sim.faults.setSyncTokenTtl(7 * 24 * 3600 * 1000);
    });

    it('fails with incremental_sync_too_large past the page limit', async () => {
      const { syncToken } = await listAll<AshbyCandidate>(sim, 'candidate.list');
      for (const c of [...sim.dataset.candidates.values()].slice(0, 12))
        sim.mutate.updateCandidate(c.key);
      sim.faults.setIncrementalPageLimit(2);
      const { json } = await call(sim, 'candidate.list', { syncToken, limit: 5 });
      expect(json.errorInfo?.code).toBe('incremental_sync_too_large');
      const ok = await call(sim, 'candidate.list', { syncToken, limit: 10 });
      expect(ok.json.success).toBe(true);
      sim.faults.setIncrementalPageLimit(100);
    });
  });

  describe('webhooks', () => {
    let receiver: WebhookReceiver;
    const secret = 'ashby-secret';

    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      sim.webhooks.register({ url: receiver.url, secret });
    });
    afterAll(() => receiver.close());

    const verify = (raw: Buffer, header: string | undefined): boolean => {
      const expected = `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;
      return (
        header !== undefined && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(header))
      );
    };

    it('signs stage changes and sends related types with one webhookActionId', async () => {
      receiver.received.length = 0;
      const app = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey,
      )!;
      sim.mutate.moveStage(app.key);
      await sim.webhooks.flush();
      const bodies = receiver.bodies<AshbyWebhookBody>();
      expect(bodies.map((b) => b.action)).toEqual(
        expect.arrayContaining(['candidateStageChange', 'applicationUpdate']),
      );
      expect(new Set(bodies.map((b) => b.webhookActionId)).size).toBe(1);
      expect(bodies[0]!.data.application!.id).toBe(sim.ids.get('application', app.key));
      for (const r of receiver.received)
        expect(verify(r.rawBody, r.headers['ashby-signature'] as string)).toBe(true);
    });

    it('sends nothing for a profile edit (Ashby has no such webhook)', async () => {
      receiver.received.length = 0;
      sim.mutate.updateCandidate([...sim.dataset.candidates.values()][1]!.key);
      await sim.webhooks.flush();
      expect(receiver.received).toHaveLength(0);
    });

    it('announces deletes and merges, which lists then reflect', async () => {
      receiver.received.length = 0;
      const [survivor, loser, doomed] = [...sim.dataset.candidates.values()].filter((c) =>
        sim.dataset.applicationsOf(c.key).some((a) => a.jobKey),
      );
      const loserId = sim.ids.get('candidate', loser!.key)!;
      const loserApps = sim.dataset.applicationsOf(loser!.key).filter((a) => a.jobKey);
      sim.mutate.mergeCandidates(survivor!.key, loser!.key);
      sim.mutate.deleteCandidate(doomed!.key);
      await sim.webhooks.flush();
      const bodies = receiver.bodies<AshbyWebhookBody>();
      expect(bodies).toContainEqual(
        expect.objectContaining({
          action: 'candidateMerge',
          data: {
            deletedCandidate: { id: loserId },
            mergedCandidate: { id: sim.ids.get('candidate', survivor!.key) },
          },
        }),
      );
      expect(bodies).toContainEqual(
        expect.objectContaining({
          action: 'candidateDelete',
          data: { candidate: { id: sim.ids.get('candidate', doomed!.key) } },
        }),
      );

      const { results } = await listAll<AshbyCandidate>(sim, 'candidate.list');
      expect(results.map((c) => c.id)).not.toContain(loserId);
      expect((await call(sim, 'candidate.info', { id: loserId })).json.errorInfo?.code).toBe(
        'candidate_not_found',
      );
      for (const app of loserApps) {
        const info = await call<AshbyApplication>(sim, 'application.info', {
          applicationId: sim.ids.get('application', app.key),
        });
        expect(info.json.results.candidate.id).toBe(sim.ids.get('candidate', survivor!.key));
      }
    });

    it('manages webhooks through the API with apiKeysWrite, pinging on save', async () => {
      const other = await startWebhookReceiver();
      try {
        const { apiKey } = sim.createApiKey(['candidatesRead']);
        const denied = await call(
          sim,
          'webhook.create',
          { webhookType: 'candidateDelete', requestUrl: other.url, secretToken: 's' },
          apiKey,
        );
        expect(denied.json.errorInfo?.code).toBe('missing_endpoint_permission');
        const created = await call<{ id: string }>(sim, 'webhook.create', {
          webhookType: 'candidateDelete',
          requestUrl: other.url,
          secretToken: 's',
        });
        expect(created.json.results).toMatchObject({
          webhookType: 'candidateDelete',
          enabled: true,
        });
        await sim.webhooks.flush();
        expect(other.bodies<{ action: string }>().map((b) => b.action)).toEqual(['ping']);
        await call(sim, 'webhook.delete', { webhookId: created.json.results.id });
      } finally {
        await other.close();
      }
    });
  });

  describe('attachments', () => {
    it('serves PDF and DOCX resumes through short-lived file.info URLs', async () => {
      const withFormat = (format: string) =>
        [...sim.dataset.candidates.values()].find((c) =>
          c.attachments.some((a) => a.kind === 'RESUME' && a.format === format),
        )!;
      for (const format of ['pdf', 'docx']) {
        const candidate = withFormat(format);
        const { json } = await call<AshbyCandidate>(sim, 'candidate.info', {
          id: sim.ids.get('candidate', candidate.key),
        });
        const info = await call<{ url: string }>(sim, 'file.info', {
          fileHandle: json.results.resumeFileHandle!.handle,
        });
        const file = await fetch(info.json.results.url);
        expect(file.status).toBe(200);
        const bytes = Buffer.from(await file.arrayBuffer());
        const text = format === 'pdf' ? await pdfText(bytes) : await docxText(bytes);
        expect(normalizeWhitespace(text)).toBe(normalizeWhitespace(candidate.resumeText));
        expect(file.headers.get('content-type')).toBe(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
      }
    });

    it('refuses expired and forged file URLs', async () => {
      const short = await startAshbySimulator({
        seed: 'ashby-files',
        candidates: 5,
        fileUrlTtlMs: 1,
      });
      try {
        const candidate = [...short.dataset.candidates.values()].find(
          (c) => c.attachments.length > 0,
        )!;
        const { json } = await call<AshbyCandidate>(short, 'candidate.info', {
          id: short.ids.get('candidate', candidate.key),
        });
        const info = await call<{ url: string }>(short, 'file.info', {
          fileHandle: json.results.fileHandles[0]!.handle,
        });
        await new Promise((r) => setTimeout(r, 5));
        expect((await fetch(info.json.results.url)).status).toBe(403);
        expect((await fetch(`${short.url}/files/forged.token`)).status).toBe(403);
      } finally {
        await short.close();
      }
    });
  });

  describe('rate limits and faults', () => {
    it('answers 429 with rate-limit headers past the limit', async () => {
      sim.rateLimit.set({ limit: 3, windowMs: 60_000 });
      try {
        const statuses: number[] = [];
        let last: Awaited<ReturnType<typeof call>> | undefined;
        for (let i = 0; i < 4; i++) {
          last = await call(sim, 'source.list');
          statuses.push(last.status);
        }
        expect(statuses).toEqual([200, 200, 200, 429]);
        expect(last!.json.errorInfo?.code).toBe('rate_limit_exceeded');
        expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
      } finally {
        sim.rateLimit.set(sim.rateLimit.vendorDefault);
      }
    });

    it('injects failures, throttling and delays on the next requests', async () => {
      sim.faults.failNext(1, 503);
      expect((await call(sim, 'job.list')).status).toBe(503);
      sim.faults.throttleNext(1, 7);
      const throttled = await call(sim, 'job.list');
      expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '7']);
      sim.faults.delayNext(1, 150, 'job.list');
      const started = Date.now();
      expect((await call(sim, 'job.list')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('serves one malformed candidate while the others stay intact', async () => {
      const victim = [...sim.dataset.candidates.values()][2]!;
      sim.faults.malformCandidate(victim.key);
      try {
        const { results } = await listAll<AshbyCandidate>(sim, 'candidate.list');
        const broken = results.filter((c) => typeof c.id !== 'string');
        expect(broken).toHaveLength(1);
        expect(broken[0]!.name).not.toBeTypeOf('string');
      } finally {
        sim.faults.clear();
      }
    });
  });

  it('writes candidates, applications and notes through the API', async () => {
    const created = await call<AshbyCandidate>(sim, 'candidate.create', {
      name: 'Zoë Müller',
      email: 'zoe.muller@example.org',
      linkedInUrl: 'https://de.linkedin.com/in/zoe-muller?trk=x',
    });
    expect(created.json.results).toMatchObject({
      name: 'Zoë Müller',
      primaryEmailAddress: { value: 'zoe.muller@example.org' },
    });
    const found = await call<AshbyCandidate[]>(sim, 'candidate.search', {
      email: 'ZOE.MULLER@example.org',
    });
    expect(found.json.results.map((c) => c.id)).toEqual([created.json.results.id]);

    const job = [...sim.dataset.jobs.values()].find((j) => j.status === 'OPEN')!;
    const app = await call(sim, 'application.create', {
      candidateId: created.json.results.id,
      jobId: sim.ids.get('job', job.key),
    });
    expect(app.json.results).toMatchObject({
      status: 'Lead',
      currentInterviewStage: { type: 'Lead' },
    });

    const note = await call(sim, 'candidate.createNote', {
      candidateId: created.json.results.id,
      note: { type: 'text/html', value: '<p>Interview passed</p>' },
    });
    expect(note.json.success).toBe(true);
    expect(sim.notes.at(-1)).toMatchObject({
      body: '<p>Interview passed</p>',
      contentType: 'text/html',
    });
  });
});
