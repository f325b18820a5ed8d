import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset, startSourceWhaleSimulator, type SourceWhaleSimulator } from './index';
import { fetchJson, type JsonResponse } from './testing/http-client';
import { startWebhookReceiver } from './testing/webhook-receiver';

type Item<K extends string> = { [key in K]: string } & Record<string, unknown>;

/** Every response shape these tests read, in one permissive view. */
interface SourceWhaleBody {
  message: string;
  id: string;
  campaigns: Array<Item<'campaignId'>>;
  projects: unknown[];
  candidates: Array<Item<'candidateId'>>;
  candidate: Item<'candidateId'>;
}

describe('SourceWhale simulator', () => {
  let sim: SourceWhaleSimulator;

  const call = (
    method: string,
    path: string,
    body?: unknown,
    apiKey: string | null = sim.credentials.apiKey,
  ): Promise<JsonResponse<SourceWhaleBody>> =>
    fetchJson<SourceWhaleBody>(`${sim.url}${path}`, {
      method,
      headers: {
        ...(apiKey ? { 'api-key': apiKey } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    sim = await startSourceWhaleSimulator({
      seed: 'sourcewhale-test',
      candidates: 8,
      rateLimit: false,
    });
  });
  afterAll(() => sim.close());

  it('requires a valid api-key header', async () => {
    expect((await call('GET', '/v1/projects/list', undefined, null)).status).toBe(401);
    expect((await call('GET', '/v1/projects/list', undefined, 'nope')).status).toBe(401);
    const { apiKey } = sim.createApiKey();
    expect((await call('GET', '/v1/projects/list', undefined, apiKey)).status).toBe(200);
    sim.revokeApiKey(apiKey);
    expect((await call('GET', '/v1/projects/list', undefined, apiKey)).json).toEqual({
      message: 'Invalid API key',
    });
  });

  it('lists campaigns (metrics on request, per user) and projects without paging', async () => {
    const plain = await call('GET', '/v1/campaigns/list');
    expect(plain.json.campaigns).toHaveLength(sim.dataset.campaigns.length);
    expect(Object.keys(plain.json.campaigns[0]!)).toEqual(['campaignId', 'campaignName']);
    const withMetrics = await call('GET', '/v1/campaigns/list?includeMetrics=true');
    expect(withMetrics.json.campaigns[0]).toMatchObject({
      sourced: expect.any(Number),
      repliedProp: expect.any(Number),
    });
    const owner = sim.dataset.campaigns[0]!.ownerEmail;
    const mine = await call('GET', `/v1/campaigns/list?userEmail=${encodeURIComponent(owner)}`);
    expect(
      mine.json.campaigns.every(
        (c) =>
          sim.dataset.campaigns.find((x) => x.campaignId === c.campaignId)!.ownerEmail === owner,
      ),
    ).toBe(true);
    expect((await call('GET', '/v1/campaigns/list?userEmail=ghost@example.org')).status).toBe(404);
    expect((await call('GET', '/v1/projects/list')).json.projects).toEqual(sim.dataset.projects);
  });

  it('creates candidates, and updates the existing one on a duplicate e-mail or social link', async () => {
    const [project] = sim.dataset.projects;
    const created = await call('POST', '/v1/candidates/add', {
      candidates: [
        {
          firstName: 'Zoë',
          lastName: 'Müller',
          emails: ['zoe@example.org'],
          socialLinks: ['https://www.linkedin.com/in/zoe-muller/'],
        },
      ],
      campaignId: sim.dataset.campaigns[0]!.campaignId,
    });
    expect(created.json.candidates).toEqual([
      { candidateId: expect.any(String), action: 'created' },
    ]);
    const id = created.json.candidates[0]!.candidateId;

    const byEmail = await call('POST', '/v1/candidates/add', {
      candidates: [
        {
          name: 'Zoe Muller',
          emails: ['ZOE@example.org', 'zoe.work@example.com'],
          company: 'Figma',
        },
      ],
      projectIds: [project!.projectId],
    });
    expect(byEmail.json.candidates).toEqual([{ candidateId: id, action: 'updated' }]);
    const byLink = await call('POST', '/v1/candidates/add', {
      candidates: [
        {
          name: 'Z. Müller',
          socialLinks: ['https://de.linkedin.com/in/Zoe-Muller?trk=public_profile'],
        },
      ],
    });
    expect(byLink.json.candidates[0]).toEqual({ candidateId: id, action: 'updated' });

    const stored = sim.dataset.candidates.get(id)!;
    expect(stored.emails).toEqual(['zoe@example.org', 'ZOE@example.org', 'zoe.work@example.com']);
    expect(stored.projectIds).toEqual([project!.projectId]);
    expect(stored.fields['company']).toBe('Figma');
    expect(stored.history.map((h) => h.action)).toEqual(['created', 'updated', 'updated']);
  });

  it('matches exports of the same seed against seeded prospects', async () => {
    const ats = createDataset({ seed: 'sourcewhale-test', candidates: 8 });
    const person = ats.candidates.get('cand-2')!;
    const added = await call('POST', '/v1/candidates/add', {
      candidates: [
        {
          firstName: person.firstName,
          lastName: person.lastName,
          emails: person.emails.map((e) => e.value),
        },
      ],
    });
    expect(added.json.candidates[0]).toEqual({
      candidateId: sim.ids.get('candidate', 'cand-2'),
      action: 'updated',
    });
  });

  it('validates add and modify', async () => {
    expect((await call('POST', '/v1/candidates/add', { candidates: [] })).status).toBe(400);
    expect(
      (await call('POST', '/v1/candidates/add', { candidates: [{ emails: ['a@b.c'] }] })).status,
    ).toBe(400);
    expect(
      (
        await call('POST', '/v1/candidates/add', {
          candidates: [{ name: 'A' }],
          campaignId: 'cmp_nope',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call('POST', '/v1/candidates/modify', {
          candidate: { candidateId: 'nope', role: 'x' },
        })
      ).status,
    ).toBe(404);
    const [seeded] = sim.dataset.candidates.values();
    const modified = await call('POST', '/v1/candidates/modify', {
      candidate: { candidateId: seeded!.candidateId, role: 'CTO' },
    });
    expect(modified.json.candidate).toMatchObject({
      candidateId: seeded!.candidateId,
      role: 'CTO',
    });
  });

  it('searches by e-mail, social link and phone', async () => {
    const seeded = [...sim.dataset.candidates.values()].find(
      (c) => c.socialLinks.length > 0 && c.phones.length > 0,
    )!;
    const email = await call(
      'GET',
      `/v1/candidates/search?key=email&value=${encodeURIComponent(seeded.emails[0]!.toUpperCase())}`,
    );
    expect(email.json.candidates.map((c) => c.candidateId)).toEqual([seeded.candidateId]);
    const link = seeded.socialLinks[0]!.replace(/^https?:\/\//, '').replace(/\/$/, '');
    const social = await call(
      'GET',
      `/v1/candidates/search?key=socialLink&value=${encodeURIComponent(link)}`,
    );
    expect(social.json.candidates[0]).toMatchObject({
      candidateId: seeded.candidateId,
      createdAt: Math.floor(seeded.createdAt / 1000),
    });
    const phone = await call(
      'GET',
      `/v1/candidates/search?key=phone&value=${encodeURIComponent(seeded.phones[0]!)}`,
    );
    expect(phone.json.candidates).toHaveLength(1);
    expect((await call('GET', '/v1/candidates/search?key=name&value=x')).status).toBe(400);

    sim.faults.malformCandidate(seeded.neutralKey!);
    try {
      const broken = await call(
        'GET',
        `/v1/candidates/search?key=email&value=${encodeURIComponent(seeded.emails[0]!)}`,
      );
      expect(broken.json.candidates[0]!.candidateId).toBeUndefined();
    } finally {
      sim.faults.clear();
    }
  });

  it('posts unsigned Zapier-style hooks', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { json } = await call('POST', '/v1/zapier/subscribe', {
        url: receiver.url,
        subscriptionType: 'candidate_added',
      });
      await call('POST', '/v1/candidates/add', {
        candidates: [{ name: 'Søren Jørgensen', emails: ['soren@example.dk'] }],
      });
      await sim.webhooks.flush();
      expect(receiver.bodies()).toEqual([
        {
          event: 'candidate_added',
          candidate: expect.objectContaining({ name: 'Søren Jørgensen' }),
        },
      ]);
      expect(receiver.received[0]!.headers['signature']).toBeUndefined();
      await call('POST', '/v1/zapier/unsubscribe', { subscriptionId: json.id });
    } finally {
      await receiver.close();
    }
  });

  it('throttles with 429 and Retry-After when a limit is set', async () => {
    sim.rateLimit.set({ limit: 2, windowMs: 60_000 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await call('GET', '/v1/projects/list'));
      expect(statuses.map((s) => s.status)).toEqual([200, 200, 429]);
      expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      sim.rateLimit.set(false);
    }
  });
});
