import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmartRecruitersSimulator, type SmartRecruitersSimulator } from './index';
import { docxText, normalizeWhitespace, pdfText } from './testing/documents';
import { fetchJson, type JsonResponse } from './testing/http-client';
import {
  startWebhookReceiver,
  type ReceivedRequest,
  type WebhookReceiver,
} from './testing/webhook-receiver';

interface SrError {
  message: string;
  errors: Array<{ code: string }>;
}

interface SrCandidate {
  id?: string;
  [field: string]: unknown;
}

interface SrPage {
  limit: number;
  totalFound: number;
  nextPageId?: string;
  content: SrCandidate[];
}

interface SrAssignment {
  job: { id: string };
  status: string;
  reasonOfRejection?: { label: string } | null;
}

interface SrDetails {
  id: string;
  primaryAssignment: SrAssignment;
  secondaryAssignments: SrAssignment[];
}

interface SrAttachments {
  content: Array<{ type: string; contentType: string; actions: { download: { url: string } } }>;
}

interface SrSubscription {
  id: string;
  status: string;
  secretKey?: string;
}

describe('SmartRecruiters simulator', () => {
  let sim: SmartRecruitersSimulator;

  const auth = (): Record<string, string> => ({ 'X-SmartToken': sim.credentials.smartToken });
  const get = <T = SrPage>(
    path: string,
    headers: Record<string, string> = auth(),
  ): Promise<JsonResponse<T>> =>
    fetchJson<T>(path.startsWith('http') ? path : `${sim.url}${path}`, { headers });
  const download = async (url: string, headers: Record<string, string> = auth()) => {
    const response = await fetch(url, { headers });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const send = <T = SrSubscription>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<JsonResponse<T>> =>
    fetchJson<T>(`${sim.url}${path}`, {
      method,
      headers: { ...auth(), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const listAll = async (query = 'limit=100'): Promise<SrCandidate[]> => {
    const rows: SrCandidate[] = [];
    let page = await get(`/candidates?${query}`);
    for (;;) {
      expect(page.status, JSON.stringify(page.json)).toBe(200);
      rows.push(...page.json.content);
      if (!page.json.nextPageId) return rows;
      page = await get(`/candidates?${query}&pageId=${page.json.nextPageId}`);
    }
  };

  beforeAll(async () => {
    sim = await startSmartRecruitersSimulator({
      seed: 'smartrecruiters-test',
      candidates: 30,
      rateLimit: false,
    });
  });
  afterAll(() => sim.close());

  describe('authentication', () => {
    it('accepts X-SmartToken and OAuth Bearer tokens, refuses neither', async () => {
      expect((await get('/candidates', {})).status).toBe(401);
      expect(
        (await get<SrError>('/candidates', { 'X-SmartToken': 'wrong' })).json.errors[0]!.code,
      ).toBe('UNAUTHORIZED');
      const tokenResponse = await fetch(`${sim.url}/identity/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: sim.credentials.clientId,
          client_secret: sim.credentials.clientSecret,
        }).toString(),
      });
      const token = (await tokenResponse.json()) as { access_token: string };
      expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(
        (await get('/candidates', { authorization: `Bearer ${token.access_token}` })).status,
      ).toBe(200);
      sim.faults.expireAccessTokens();
      expect(
        (await get('/candidates', { authorization: `Bearer ${token.access_token}` })).status,
      ).toBe(401);
    });

    it('answers 403 when the credential lacks the scope', async () => {
      const reduced = sim.createCredentials(['jobs_read']);
      const denied = await get<SrError>('/candidates', { 'X-SmartToken': reduced.smartToken });
      expect(denied.status).toBe(403);
      expect(denied.json.message).toContain('candidates_read');
      expect((await get('/jobs', { 'X-SmartToken': reduced.smartToken })).status).toBe(200);
    });
  });

  describe('candidates', () => {
    it('pages with limit/pageId to exactly the dataset', async () => {
      const first = await get('/candidates');
      expect(first.json).toMatchObject({ limit: 10, totalFound: sim.dataset.candidates.size });
      expect(first.headers.get('link')).toContain('rel="next"');
      const rows = await listAll('limit=7');
      expect(rows.map((c) => c.id)).toEqual(
        [...sim.dataset.candidates.values()].map((c) => sim.ids.get('candidate', c.key)),
      );
      expect((await get('/candidates?limit=101')).status).toBe(400);
      expect((await get<SrError>('/candidates?pageId=garbage')).json.errors[0]!.code).toBe(
        'INVALID_PAGE_ID',
      );
    });

    it('maps applications to primary and secondary assignments', async () => {
      const candidate = [...sim.dataset.candidates.values()].find(
        (c) => sim.dataset.applicationsOf(c.key).filter((a) => a.jobKey).length >= 2,
      )!;
      const id = sim.ids.get('candidate', candidate.key)!;
      const details = (await get<SrDetails>(`/candidates/${id}`)).json;
      const apps = sim.dataset.applicationsOf(candidate.key).filter((a) => a.jobKey);
      expect(1 + details.secondaryAssignments.length).toBe(apps.length);
      const newest = [...apps].sort((a, b) => b.createdAt - a.createdAt)[0]!;
      expect(details.primaryAssignment.job.id).toBe(sim.ids.get('job', newest.jobKey!));
      const assignment = (
        await get<SrAssignment>(`/candidates/${id}/jobs/${details.primaryAssignment.job.id}`)
      ).json;
      expect(assignment.status).toBe(details.primaryAssignment.status);
      if (assignment.status === 'REJECTED')
        expect(assignment.reasonOfRejection!.label).toEqual(expect.any(String));
    });

    it('filters with updatedAfter', async () => {
      const since = new Date(sim.dataset.now).toISOString();
      expect((await get(`/candidates?updatedAfter=${since}`)).json.totalFound).toBe(0);
      const [edited] = [...sim.dataset.candidates.values()];
      sim.mutate.updateCandidate(edited!.key);
      const app = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey && a.candidateKey !== edited!.key,
      )!;
      sim.mutate.reject(app.key, 'withdrew');
      const changed = await listAll(`updatedAfter=${since}`);
      expect(changed.map((c) => c.id).sort()).toEqual(
        [edited!.key, app.candidateKey].map((k) => sim.ids.get('candidate', k)).sort(),
      );
      const moved = (
        await get<SrAssignment>(
          `/candidates/${sim.ids.get('candidate', app.candidateKey)}/jobs/${sim.ids.get('job', app.jobKey!)}`,
        )
      ).json;
      expect(moved).toMatchObject({
        status: 'WITHDRAWN',
        reasonOfWithdrawal: { label: 'Withdrew application' },
      });
    });

    it('downloads PDF and DOCX attachments through the API with the same auth', async () => {
      for (const format of ['pdf', 'docx'] as const) {
        const candidate = [...sim.dataset.candidates.values()].find(
          (c) => c.attachments[0]?.kind === 'RESUME' && c.attachments[0].format === format,
        )!;
        const list = (
          await get<SrAttachments>(
            `/candidates/${sim.ids.get('candidate', candidate.key)}/attachments`,
          )
        ).json;
        const resume = list.content.find((a) => a.type === 'RESUME')!;
        expect((await download(resume.actions.download.url, {})).status).toBe(401);
        const file = await download(resume.actions.download.url);
        expect(file.headers.get('content-type')).toBe(resume.contentType);
        const text = format === 'pdf' ? await pdfText(file.bytes) : await docxText(file.bytes);
        expect(normalizeWhitespace(text)).toBe(normalizeWhitespace(candidate.resumeText));
      }
    });

    it('creates candidates on a job, reusing a profile with the same e-mail, and stores notes', async () => {
      const job = [...sim.dataset.jobs.values()].find((j) => j.status === 'OPEN')!;
      const jobId = sim.ids.get('job', job.key)!;
      const body = {
        firstName: 'José',
        lastName: 'Álvarez',
        email: 'jose.alvarez@example.org',
        web: { linkedin: 'https://www.linkedin.com/in/jose-alvarez/' },
      };
      const created = await send<SrDetails>('POST', '/candidates', body);
      expect(created.status).toBe(201);
      const again = await send<SrDetails>('POST', `/jobs/${jobId}/candidates`, body);
      expect(again.json.id).toBe(created.json.id);
      expect(again.json.primaryAssignment).toMatchObject({ job: { id: jobId }, status: 'NEW' });
      expect(
        (await send('POST', '/candidates', { firstName: 'No', lastName: 'Email' })).status,
      ).toBe(422);
      const share = await send('POST', '/messages/shares', {
        content: `Interview done #[CANDIDATE:${created.json.id}]`,
        shareWith: { everyone: true },
      });
      expect(share.status).toBe(201);
      expect(sim.notes.at(-1)?.body).toContain('Interview done');
    });

    it('serves a malformed candidate among intact ones', async () => {
      const victim = [...sim.dataset.candidates.values()][3]!;
      sim.faults.malformCandidate(victim.key);
      try {
        const rows = await listAll();
        expect(rows.filter((c) => c.id === undefined)).toHaveLength(1);
      } finally {
        sim.faults.clear();
      }
    });
  });

  describe('rate limits', () => {
    it('allows 10 requests per second, then 429 with X-RateLimit-* headers', async () => {
      sim.rateLimit.set(sim.rateLimit.vendorDefault);
      try {
        const responses = [];
        for (let i = 0; i < 11; i++) responses.push(await get('/configuration/departments'));
        expect(responses.slice(0, 10).every((r) => r.status === 200)).toBe(true);
        expect(responses[0]!.headers.get('x-ratelimit-limit')).toBe('10');
        expect(responses[0]!.headers.get('x-ratelimit-concurrent-limit')).toBe('8');
        expect(responses[10]!.status).toBe(429);
        expect(responses[10]!.headers.get('x-ratelimit-remaining')).toBe('0');
      } finally {
        sim.rateLimit.set(false);
      }
    });

    it('allows one GET /candidates at a time per credential', async () => {
      sim.rateLimit.set(sim.rateLimit.vendorDefault);
      try {
        sim.faults.delayNext(1, 300, /^\/candidates$/);
        const [slow, blocked] = await Promise.all([
          get('/candidates'),
          new Promise((r) => setTimeout(r, 50)).then(() => get('/candidates')),
        ]);
        expect(slow.status).toBe(200);
        expect(blocked.status).toBe(429);
        expect(blocked.headers.get('x-ratelimit-concurrent-limit')).toBe('1');
        expect(blocked.headers.get('x-ratelimit-concurrent-remaining')).toBe('0');
      } finally {
        sim.rateLimit.set(false);
      }
    });
  });

  describe('webhook subscriptions', () => {
    let receiver: WebhookReceiver;
    let subscriptionId: string;
    let secret: string;
    const base = '/webhooks-api/v201907/subscriptions';
    // Echo the handshake secret, as a real receiver must.
    const echo = (req: ReceivedRequest) => ({
      status: 200,
      headers: { 'X-Hook-Secret': String(req.headers['x-hook-secret'] ?? '') },
    });

    const verify = (r: ReceivedRequest, keys: string[]): boolean => {
      const h = (name: string) => String(r.headers[name] ?? '');
      const message = [
        h('smartrecruiters-timestamp'),
        r.rawBody.toString(),
        h('event-id'),
        h('event-name'),
        h('event-version'),
        h('link'),
      ].join('.');
      const sent = h('smartrecruiters-signature').split(/[,;]\s*/);
      return keys.every((key) =>
        sent.includes(`v1=${crypto.createHmac('sha256', key).update(message).digest('hex')}`),
      );
    };

    beforeAll(async () => {
      receiver = await startWebhookReceiver(echo);
    });
    afterAll(() => receiver.close());

    it('creates an inactive subscription and activates it after the X-Hook-Secret handshake', async () => {
      const created = await send('POST', base, {
        callbackUrl: receiver.url,
        events: [
          'candidate.updated',
          'candidate.deleted',
          'application.status.updated',
          'job.status.updated',
        ],
      });
      expect(created.status).toBe(201);
      expect(created.json.status).toBe('inactive');
      subscriptionId = created.json.id;
      secret = (await send('POST', `${base}/${subscriptionId}/secret-key`)).json.secretKey!;
      const activation = await send('PUT', `${base}/${subscriptionId}/activation`);
      expect(activation.status).toBe(204);
      expect(receiver.received[0]!.headers['x-hook-secret']).toEqual(expect.any(String));
      expect((await send('GET', `${base}/${subscriptionId}`)).json.status).toBe('active');
    });

    it('keeps a subscription inactive when the receiver does not echo the secret', async () => {
      const silent = await startWebhookReceiver(() => ({ status: 200 }));
      try {
        const created = await send('POST', base, {
          callbackUrl: silent.url,
          events: ['candidate.created'],
        });
        const activation = await send('PUT', `${base}/${created.json.id}/activation`);
        expect(activation.status).toBe(400);
        expect((await send('GET', `${base}/${created.json.id}`)).json.status).toBe('inactive');
        expect(
          (await send('POST', base, { callbackUrl: silent.url, events: ['no.such.event'] })).status,
        ).toBe(400);
      } finally {
        await silent.close();
      }
    });

    it('signs notifications over timestamp.body.eventId.eventName.eventVersion.link', async () => {
      receiver.received.length = 0;
      const candidate = [...sim.dataset.candidates.values()][5]!;
      sim.mutate.updateCandidate(candidate.key);
      const app = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey,
      )!;
      sim.mutate.moveStage(app.key);
      const job = [...sim.dataset.jobs.values()].find((j) => j.status === 'OPEN')!;
      sim.mutate.updateJob(job.key);
      await sim.webhooks.flush();
      expect(receiver.received.map((r) => r.headers['event-name'])).toEqual([
        'candidate.updated',
        'application.status.updated',
        'job.status.updated',
      ]);
      for (const r of receiver.received) expect(verify(r, [secret])).toBe(true);
      const [updated, status] = receiver.received;
      const candidateId = sim.ids.get('candidate', candidate.key);
      expect(JSON.parse(updated!.rawBody.toString())).toEqual({ id: candidateId });
      expect(updated!.headers['link']).toBe(`<${sim.url}/candidates/${candidateId}>; rel="self"`);
      expect(JSON.parse(status!.rawBody.toString())).toEqual({
        candidateId: sim.ids.get('candidate', app.candidateKey),
        jobId: sim.ids.get('job', app.jobKey!),
      });
      expect(
        Math.abs(Number(updated!.headers['smartrecruiters-timestamp']) - Date.now() / 1000),
      ).toBeLessThan(60);
    });

    it('signs with both keys while a rotated key is in its grace period', async () => {
      receiver.received.length = 0;
      const newSecret = (await send('POST', `${base}/${subscriptionId}/secret-key`)).json
        .secretKey!;
      sim.mutate.deleteCandidate([...sim.dataset.candidates.values()][6]!.key);
      await sim.webhooks.flush();
      expect(receiver.received[0]!.headers['event-name']).toBe('candidate.deleted');
      expect(verify(receiver.received[0]!, [newSecret, secret])).toBe(true);
      const log = (
        await send<{ content: unknown[] }>('GET', `${base}/${subscriptionId}/callbacks-log`)
      ).json;
      expect(log.content.at(-1)).toMatchObject({
        eventName: 'candidate.deleted',
        callbackStatus: 'successful',
      });
    });
  });
});
