import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startGreenhouseSimulator,
  type GreenhouseCredentials,
  type GreenhouseSimulator,
} from './index';
import { docxText, normalizeWhitespace, pdfText } from './testing/documents';
import { basicAuth, fetchJson, type JsonResponse } from './testing/http-client';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  error?: string;
}

/** The fields these tests read from v3 rows (any row has an id). */
interface Row {
  id: number;
  [field: string]: unknown;
}

interface ErrorBody {
  errors: Array<{ message: string }>;
}

interface Created {
  id: number;
  status?: string;
  stage_name?: string;
}

interface GreenhouseWebhookBody {
  action: string;
  payload: {
    application?: Row;
    person?: Row;
  };
}

function requestToken(
  sim: GreenhouseSimulator,
  creds: GreenhouseCredentials,
  sub: number | string = creds.userId,
): Promise<JsonResponse<TokenResponse>> {
  return fetchJson<TokenResponse>(`${sim.url}/token`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(creds.clientId, creds.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', sub: String(sub) }).toString(),
  });
}

describe('Greenhouse Harvest v3 simulator', () => {
  let sim: GreenhouseSimulator;
  let token: string;

  const get = <T = Row[]>(
    pathOrUrl: string,
    bearer: string | null = token,
  ): Promise<JsonResponse<T>> =>
    fetchJson<T>(pathOrUrl.startsWith('http') ? pathOrUrl : `${sim.url}${pathOrUrl}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
  const send = <T = Created>(
    method: string,
    path: string,
    body: unknown,
  ): Promise<JsonResponse<T>> =>
    fetchJson<T>(`${sim.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** Follows rel="next" links; each next URL must carry only the cursor. */
  const listAll = async (path: string): Promise<Row[]> => {
    const rows: Row[] = [];
    let next: string | null = path;
    while (next) {
      const page: JsonResponse<Row[]> = await get(next);
      expect(page.status, JSON.stringify(page.json)).toBe(200);
      rows.push(...page.json);
      const link = page.headers.get('link');
      next = link ? /<([^>]+)>; rel="next"/.exec(link)![1]! : null;
      if (next) expect([...new URL(next).searchParams.keys()]).toEqual(['cursor']);
    }
    return rows;
  };

  beforeAll(async () => {
    sim = await startGreenhouseSimulator({
      seed: 'greenhouse-test',
      candidates: 40,
      rateLimit: false,
    });
    token = (await requestToken(sim, sim.credentials)).json.access_token;
  });
  afterAll(() => sim.close());

  describe('OAuth and scopes', () => {
    it('issues a one-hour Bearer token for client credentials and a user', async () => {
      const { status, json } = await requestToken(sim, sim.credentials);
      expect(status).toBe(200);
      expect(json).toMatchObject({
        token_type: 'Bearer',
        expires_in: 3600,
        access_token: expect.any(String),
      });
    });

    it('refuses bad client secrets and unknown users', async () => {
      expect(
        (await requestToken(sim, { ...sim.credentials, clientSecret: 'nope' })).json.error,
      ).toBe('invalid_client');
      expect((await requestToken(sim, sim.credentials, 1)).json.error).toBe('invalid_request');
    });

    it('answers 401 without a token, 403 without the scope, 401 after expiry', async () => {
      expect((await get('/v3/candidates', null)).status).toBe(401);
      const reduced = sim.createCredentials(['harvest:jobs:list']);
      const reducedToken = (await requestToken(sim, reduced)).json.access_token;
      const denied = await get<ErrorBody>('/v3/candidates', reducedToken);
      expect(denied.status).toBe(403);
      expect(denied.json.errors[0]!.message).toContain('harvest:candidates:list');
      expect((await get('/v3/jobs', reducedToken)).status).toBe(200);

      sim.faults.expireAccessTokens();
      expect((await get('/v3/jobs', reducedToken)).status).toBe(401);
      token = (await requestToken(sim, sim.credentials)).json.access_token;
    });
  });

  describe('pagination and filters', () => {
    it('follows cursor-only next links to exactly the dataset', async () => {
      const rows = await listAll('/v3/candidates?per_page=7');
      const expected = [...sim.dataset.candidates.values()];
      expect(rows.map((c) => c.id)).toEqual(expected.map((c) => sim.ids.get('candidate', c.key)));
      expect(rows[0]).toMatchObject({
        first_name: expected[0]!.firstName,
        last_name: expected[0]!.lastName,
      });
    });

    it('serves every application, prospects included', async () => {
      const rows = await listAll('/v3/applications?per_page=500');
      expect(rows).toHaveLength(sim.dataset.applications.size);
      const prospect = [...sim.dataset.applications.values()].find((a) => a.jobKey === null);
      if (prospect)
        expect(rows.find((r) => r.id === sim.ids.get('application', prospect.key))).toMatchObject({
          job_id: null,
          prospect: true,
        });
    });

    it('answers 422 when a cursor comes with other parameters', async () => {
      const first = await get('/v3/candidates?per_page=5');
      const next = /<([^>]+)>/.exec(first.headers.get('link')!)![1]!;
      expect((await get(`${next}&per_page=5`)).status).toBe(422);
      expect((await get('/v3/candidates?per_page=501')).status).toBe(422);
      expect((await get('/v3/candidates?updated_at=after|2024')).status).toBe(422);
    });

    it('returns only records updated since a time (updated_at=gte|…)', async () => {
      const since = new Date(sim.dataset.now + 1).toISOString();
      // Every generated record predates the dataset's "now".
      expect(await listAll(`/v3/candidates?updated_at=gte|${since}`)).toEqual([]);
      const candidate = [...sim.dataset.candidates.values()][4]!;
      sim.mutate.updateCandidate(candidate.key);
      const app = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey,
      )!;
      sim.mutate.moveStage(app.key);
      const changed = await listAll(`/v3/candidates?updated_at=gte|${since}`);
      expect(changed.map((c) => c.id)).toEqual([sim.ids.get('candidate', candidate.key)]);
      const changedApps = await listAll(`/v3/applications?updated_at=gte|${since}`);
      expect(changedApps.map((a) => a.id)).toEqual([sim.ids.get('application', app.key)]);
    });

    it('answers id filters from its index exactly as a scan would: dataset order, once each, across pages', async () => {
      const all = [...sim.dataset.candidates.values()];
      const picked = [all[9]!, all[2]!, all[30]!, all[17]!].filter((c) => c.attachments.length > 0);
      const idList = [
        ...picked.map((c) => sim.ids.get('candidate', c.key)),
        sim.ids.get('candidate', picked[0]!.key), // twice
        987_654_321, // no such candidate
      ].join(',');
      const inOrder = all.filter((c) => picked.includes(c));
      const files = await listAll(`/v3/attachments?candidate_ids=${idList}&per_page=1`);
      expect(files.map((f) => f.candidate_id)).toEqual(
        inOrder.flatMap((c) => c.attachments.map(() => sim.ids.get('candidate', c.key))),
      );
      const candidates = await listAll(`/v3/candidates?ids=${idList}&per_page=2`);
      expect(candidates.map((c) => c.id)).toEqual(
        inOrder.map((c) => sim.ids.get('candidate', c.key)),
      );
    });

    it('serves education and employment as their own resources', async () => {
      const candidate = [...sim.dataset.candidates.values()].find((c) => c.experience.length > 1)!;
      const id = sim.ids.get('candidate', candidate.key);
      const jobs = await listAll(`/v3/candidate_employments?candidate_ids=${id}`);
      expect(jobs.map((j) => j.company_name)).toEqual(candidate.experience.map((e) => e.company));
      const schools = await listAll(`/v3/candidate_educations?candidate_ids=${id}&per_page=1`);
      expect(schools.map((s) => s.school_name)).toEqual(candidate.education.map((e) => e.school));
    });
  });

  it('answers 429 with Greenhouse rate-limit headers', async () => {
    sim.rateLimit.set({ limit: 5, windowMs: 10_000 });
    try {
      const responses = [];
      for (let i = 0; i < 6; i++) responses.push(await get('/v3/sources'));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
      expect(responses[0]!.headers.get('x-ratelimit-limit')).toBe('5');
      expect(responses[4]!.headers.get('x-ratelimit-remaining')).toBe('0');
      const limited = responses[5]!;
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    } finally {
      sim.rateLimit.set(false);
    }
  });

  describe('webhooks', () => {
    let receiver: WebhookReceiver;
    const secret = 'greenhouse-secret';
    const verify = (raw: Buffer, header: string) =>
      header === `sha256 ${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;

    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      const hook = await sim.webhooks.register({ url: receiver.url, secret });
      expect(hook.enabled).toBe(true);
    });
    afterAll(() => receiver.close());

    it('pings on save and leaves a webhook disabled when the ping fails', async () => {
      expect(receiver.bodies<{ action: string }>()[0]?.action).toBe('ping');
      const failing = await startWebhookReceiver(() => ({ status: 500 }));
      try {
        expect((await sim.webhooks.register({ url: failing.url, secret: 'x' })).enabled).toBe(
          false,
        );
      } finally {
        await failing.close();
      }
    });

    it('signs with "sha256 <hex>" over the raw, unicode-escaped body', async () => {
      receiver.received.length = 0;
      const candidate = [...sim.dataset.candidates.values()][0]!;
      sim.mutate.updateCandidate(candidate.key, { firstName: 'José' });
      const app = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey,
      )!;
      sim.mutate.reject(app.key);
      await sim.webhooks.flush();
      expect(receiver.bodies<GreenhouseWebhookBody>().map((b) => b.action)).toEqual([
        'update_candidate',
        'reject_candidate',
      ]);
      for (const r of receiver.received) {
        expect(verify(r.rawBody, r.headers['signature'] as string)).toBe(true);
        expect(r.headers['greenhouse-event-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(receiver.received[0]!.rawBody.toString()).toContain('Jos\\u00e9');
      const rejected = receiver.bodies<GreenhouseWebhookBody>()[1]!.payload.application;
      expect(rejected).toMatchObject({
        id: sim.ids.get('application', app.key),
        status: 'rejected',
        rejection_reason: { name: expect.any(String) },
      });
    });

    it('fires merge_candidate (not delete_candidate) on merge, and moves applications', async () => {
      receiver.received.length = 0;
      const [survivor, loser] = [...sim.dataset.candidates.values()].filter(
        (c) => sim.dataset.applicationsOf(c.key).length > 0,
      );
      const loserApps = sim.dataset.applicationsOf(loser!.key);
      sim.mutate.mergeCandidates(survivor!.key, loser!.key);
      await sim.webhooks.flush();
      const bodies = receiver.bodies<GreenhouseWebhookBody>();
      expect(bodies.map((b) => b.action)).toEqual(['merge_candidate']);
      expect(bodies[0]!.payload.person).toMatchObject({
        id: sim.ids.get('candidate', loser!.key),
        new_candidate_id: sim.ids.get('candidate', survivor!.key),
      });
      const apps = await listAll(
        `/v3/applications?candidate_ids=${sim.ids.get('candidate', survivor!.key)}`,
      );
      expect(apps.map((a) => a.id)).toEqual(
        expect.arrayContaining(loserApps.map((a) => sim.ids.get('application', a.key))),
      );
      expect(await listAll(`/v3/candidates?ids=${sim.ids.get('candidate', loser!.key)}`)).toEqual(
        [],
      );
    });

    it('fires delete_candidate on delete', async () => {
      receiver.received.length = 0;
      const doomed = [...sim.dataset.candidates.values()][7]!;
      sim.mutate.deleteCandidate(doomed.key);
      await sim.webhooks.flush();
      expect(receiver.bodies<GreenhouseWebhookBody>()[0]).toMatchObject({
        action: 'delete_candidate',
        payload: { person: { id: sim.ids.get('candidate', doomed.key) } },
      });
    });
  });

  it('serves attachments as real PDF and DOCX files', async () => {
    for (const format of ['pdf', 'docx'] as const) {
      const candidate = [...sim.dataset.candidates.values()].find(
        (c) =>
          c.attachments.length === 1 &&
          c.attachments[0]!.kind === 'RESUME' &&
          c.attachments[0]!.format === format,
      )!;
      const rows = await listAll(
        `/v3/attachments?candidate_ids=${sim.ids.get('candidate', candidate.key)}&type=resume`,
      );
      expect(rows).toHaveLength(1);
      const file = await fetch(String(rows[0]!.url));
      const bytes = Buffer.from(await file.arrayBuffer());
      const text = format === 'pdf' ? await pdfText(bytes) : await docxText(bytes);
      expect(normalizeWhitespace(text)).toBe(normalizeWhitespace(candidate.resumeText));
    }
  });

  it('creates candidates, applications and notes, and moves applications', async () => {
    const created = await send('POST', '/v3/candidates', {
      first_name: 'Zoë',
      last_name: 'Müller',
      email_addresses: [{ value: 'zoe@example.org', type: 'personal' }],
      social_media_addresses: [{ value: 'linkedin.com/in/zoe-muller' }],
    });
    expect(created.status).toBe(201);
    expect((await send('POST', '/v3/candidates', { first_name: 'No last name' })).status).toBe(422);
    const job = [...sim.dataset.jobs.values()].find((j) => j.status === 'OPEN')!;
    const app = await send('POST', '/v3/applications', {
      candidate_id: created.json.id,
      job_id: sim.ids.get('job', job.key),
    });
    expect(app.json).toMatchObject({ status: 'in_process', stage_name: 'New' });
    const moved = await send('POST', `/v3/applications/${app.json.id}/move`, {});
    expect(moved.json.stage_name).toBe('Application Review');
    const note = await send('POST', '/v3/notes', {
      candidate_id: created.json.id,
      body: 'Video interview: passed',
      visibility: 'admin_only_visible',
    });
    expect(note.status).toBe(201);
    expect(sim.notes.at(-1)).toMatchObject({
      body: 'Video interview: passed',
      visibility: 'admin_only_visible',
    });
  });
});
