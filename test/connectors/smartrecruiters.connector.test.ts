import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundWebhook, WebhookVerdict } from '../../src/connectors/connector';
import type { SmartRecruitersConnector } from '../../src/connectors/smartrecruiters/smartrecruiters.connector';
import { INCREMENTAL_OVERLAP_MS } from '../../src/connectors/smartrecruiters/smartrecruiters.paging';
import {
  attachmentText,
  srSignedPayload,
  startSmartRecruitersSimulator,
  type SmartRecruitersSimulator,
} from '../simulators/index';
import { docxText, normalizeWhitespace, pdfText } from '../simulators/testing/documents';
import {
  startWebhookReceiver,
  type ReceivedRequest,
  type WebhookReceiver,
} from '../simulators/testing/webhook-receiver';
import {
  byId,
  connectorFor,
  expectCandidateMatches,
  expectedApplications,
  expectMatchesDataset,
  readAll,
  type ReadResult,
} from './smartrecruiters-harness';

describe('SmartRecruitersConnector against the SmartRecruiters simulator', () => {
  let sim: SmartRecruitersSimulator;
  const id = (kind: Parameters<SmartRecruitersSimulator['ids']['get']>[0], key: string) =>
    String(sim.ids.get(kind, key));

  beforeAll(async () => {
    // 130 candidates: two list pages of 100. The rate limit is off here; a later block keeps it.
    sim = await startSmartRecruitersSimulator({
      seed: 'smartrecruiters-connector',
      candidates: 130,
      jobs: 15,
      rateLimit: false,
    });
  });
  afterAll(() => sim.close());

  describe('full and incremental reads (OAuth)', () => {
    let connector: SmartRecruitersConnector;
    let full: ReadResult;

    beforeAll(async () => {
      connector = connectorFor(sim, 'oauth');
      sim.requestLog.clear();
      full = await readAll(connector, 'FULL');
    });

    it('reads every stream to exactly the dataset', () => {
      expect(full.skipped).toEqual([]);
      expectMatchesDataset(full, sim);
      expect(full.pages['candidates']).toBe(2);
      expect(full.totals['candidates']).toBe(sim.dataset.candidates.size);
      // Accents survive the trip (the generator writes names such as "Sofía", "München").
      expect(full.candidates.filter((c) => /[^ -~]/.test(c.fullName)).length).toBeGreaterThan(5);
      const linkedin = full.candidates.filter((c) =>
        c.socialLinks.some((l) => l.type === 'LINKEDIN'),
      );
      expect(linkedin.length).toBeGreaterThan(20);
      expect(full.candidates.some((c) => c.socialLinks.some((l) => l.type === 'GITHUB'))).toBe(
        true,
      );
      expect(new Set(full.applications.map((a) => a.status))).toEqual(
        new Set(['ACTIVE', 'REJECTED', 'HIRED', 'WITHDRAWN']),
      );
      expect(
        full.applications.some((a) => a.status === 'REJECTED' && a.rejectionReasonRemoteId),
      ).toBe(true);
      expect(full.applications.some((a) => a.isProspect)).toBe(true);
      expect(full.candidates.reduce((n, c) => n + c.attachments.length, 0)).toBeGreaterThan(100);
    });

    it('pages GET /candidates by 100, one at a time, and pays ~3 calls per candidate', () => {
      const lists = sim.requestLog.where((e) => e.method === 'GET' && e.path === '/candidates');
      expect(lists).toHaveLength(2);
      for (const e of lists) expect(new URLSearchParams(e.query).get('limit')).toBe('100');
      expect(new URLSearchParams(lists[1]?.query).get('pageId')).toBeTruthy();
      for (let i = 1; i < lists.length; i++) {
        const previous = lists[i - 1]!;
        expect(lists[i]!.startedAt).toBeGreaterThanOrEqual(
          previous.startedAt + previous.durationMs,
        );
      }
      const n = sim.dataset.candidates.size;
      const count = (re: RegExp) => sim.requestLog.where((e) => re.test(e.path)).length;
      expect(count(/^\/candidates\/[^/]+$/)).toBe(n);
      expect(count(/^\/candidates\/[^/]+\/attachments$/)).toBe(n);
      expect(count(/^\/candidates\/[^/]+\/properties$/)).toBe(n);
      // One hiring-team call per job an application points at, not per application.
      expect(count(/^\/jobs\/[^/]+\/hiring-team$/)).toBeLessThanOrEqual(sim.dataset.jobs.size);
      expect(sim.requestLog.where((e) => e.status >= 400)).toEqual([]);
      expect(connector.tokensGranted).toBe(1);
    });

    it('keeps a high-water mark for jobs and candidates only', () => {
      const newest = Math.max(...[...sim.dataset.candidates.values()].map((c) => c.lastActivityAt));
      expect(Date.parse(String(full.states['candidates']?.['highWaterMark']))).toBe(newest);
      expect(full.states['jobs']?.['highWaterMark']).toEqual(expect.any(String));
      expect(full.states['users']).toBeUndefined();
      expect(full.states['sources']).toBeUndefined();
    });

    it('reads only what changed since, with the new values', async () => {
      const mark = Date.parse(String(full.states['candidates']?.['highWaterMark']));
      const [first, second] = [...sim.dataset.candidates.values()];
      const active = [...sim.dataset.applications.values()].filter(
        (a) => a.status === 'ACTIVE' && a.jobKey && a.candidateKey !== first!.key,
      );
      const [toMove, toReject] = active;
      sim.mutate.updateCandidate(first!.key, { firstName: 'Łucja', lastName: 'Żółkiewska' });
      sim.mutate.moveStage(toMove!.key);
      const rejected = sim.mutate.reject(toReject!.key);
      const created = sim.mutate.createCandidate({ firstName: 'Zoë', lastName: 'Ørsted' });
      const job = sim.mutate.updateJob([...sim.dataset.jobs.values()][0]!.key);
      sim.mutate.updateCandidate(second!.key, {
        linkedinUrl: 'https://www.linkedin.com/in/new-profile/',
      });

      const inc = await readAll(connectorFor(sim, 'token'), 'INCREMENTAL', full.states);
      expect(inc.skipped).toEqual([]);
      // The overlap re-reads whatever changed shortly before the mark, too.
      const expected = [...sim.dataset.candidates.values()]
        .filter((c) => c.lastActivityAt > mark - INCREMENTAL_OVERLAP_MS)
        .map((c) => id('candidate', c.key));
      for (const key of [
        first!.key,
        second!.key,
        created.key,
        toMove!.candidateKey,
        toReject!.candidateKey,
      ]) {
        expect(expected).toContain(id('candidate', key));
      }
      expect(inc.candidates.map((c) => c.remoteId).sort()).toEqual(expected.sort());
      expect(expected.length).toBeLessThan(sim.dataset.candidates.size / 2);

      const candidates = byId(inc.candidates);
      for (const c of [first!, second!, created]) {
        expectCandidateMatches(
          sim,
          candidates.get(id('candidate', c.key)),
          sim.dataset.candidates.get(c.key)!,
        );
      }
      expect(candidates.get(id('candidate', first!.key))?.fullName).toBe('Łucja Żółkiewska');
      const apps = byId(inc.applications);
      for (const key of [toMove!.candidateKey, toReject!.candidateKey, created.key]) {
        for (const app of expectedApplications(sim, sim.dataset.candidates.get(key)!)) {
          expect(apps.get(app.remoteId!)).toMatchObject(app);
        }
      }
      const rejectedId = `${id('candidate', rejected.candidateKey)}:${id('job', rejected.jobKey!)}`;
      expect(apps.get(rejectedId)?.status).toMatch(/REJECTED|WITHDRAWN/);
      expect(apps.get(rejectedId)?.rejectionReasonRemoteId).toBe(
        id('rejectionReason', rejected.rejectionReasonKey!),
      );
      expect(inc.jobs.map((j) => j.remoteId)).toContain(id('job', job.key));
      expect(inc.jobs.length).toBeLessThan(sim.dataset.jobs.size);
      expect(inc.jobs.find((j) => j.remoteId === id('job', job.key))?.status).toBe(job.status);
      expect(Date.parse(String(inc.states['candidates']?.['highWaterMark']))).toBeGreaterThan(mark);
    });
  });

  describe('auth', () => {
    const readSources = (c: SmartRecruitersConnector) =>
      c.fetchPage('sources', { mode: 'FULL', cursor: null, state: {} });

    it('works with a SmartToken and never asks for a token', async () => {
      const c = connectorFor(sim, 'token');
      const page = await readSources(c);
      expect(page.ok && page.value.records).toHaveLength(sim.dataset.reference.sources.length);
      expect(c.tokensGranted).toBe(0);
    });

    it('refreshes the OAuth token once when SmartRecruiters answers 401', async () => {
      const c = connectorFor(sim, 'oauth');
      expect((await readSources(c)).ok).toBe(true);
      sim.faults.expireAccessTokens();
      const page = await readSources(c);
      expect(page.ok && page.value.records).toHaveLength(sim.dataset.reference.sources.length);
      expect(c.tokensGranted).toBe(2);
    });

    it('caches the token until shortly before expires_in', async () => {
      let now = Date.now();
      const c = connectorFor(sim, 'oauth', { now: () => now });
      const read = () =>
        c.fetchPage('rejection_reasons', { mode: 'FULL', cursor: null, state: {} });
      expect((await read()).ok).toBe(true);
      now += 30 * 60_000;
      expect((await read()).ok).toBe(true);
      expect(c.tokensGranted).toBe(1);
      now += 29 * 60_000 + 30_000; // 59.5 minutes into a 60-minute token
      expect((await read()).ok).toBe(true);
      expect(c.tokensGranted).toBe(2);
    });

    it('reports a refused client or key as an auth error', async () => {
      const badClient = connectorFor(
        sim,
        'oauth',
        {},
        { ...sim.credentials, clientSecret: 'wrong' },
      );
      const badKey = connectorFor(sim, 'token', {}, { ...sim.credentials, smartToken: 'wrong' });
      for (const c of [badClient, badKey]) {
        const page = await readSources(c);
        expect(page.ok ? null : page.error.kind).toBe('auth');
      }
    });
  });

  describe('verify', () => {
    it('accepts good credentials of both kinds', async () => {
      for (const auth of ['oauth', 'token'] as const) {
        const result = await connectorFor(sim, auth).verify();
        expect(result).toEqual({ ok: true, value: { account: null, missingPermissions: [] } });
      }
    });

    it('refuses bad credentials', async () => {
      const result = await connectorFor(
        sim,
        'token',
        {},
        { ...sim.credentials, smartToken: 'nope' },
      ).verify();
      expect(result.ok ? null : result.error.kind).toBe('auth');
      const oauth = await connectorFor(
        sim,
        'oauth',
        {},
        { ...sim.credentials, clientId: 'nope' },
      ).verify();
      expect(oauth.ok ? null : oauth.error.kind).toBe('auth');
    });

    it('names the permissions a reduced key or client lacks', async () => {
      const reduced = sim.createCredentials(['candidates_read', 'jobs_read']);
      for (const auth of ['oauth', 'token'] as const) {
        const result = await connectorFor(sim, auth, {}, reduced).verify();
        expect(result.ok && result.value.missingPermissions).toEqual([
          'configuration_read',
          'users_read',
          'webhooks_manage',
        ]);
      }
    });
  });

  describe('fetchCandidate and attachments', () => {
    it('reads one candidate with applications and the records they point at', async () => {
      const c = [...sim.dataset.candidates.values()].find(
        (x) => sim.dataset.applicationsOf(x.key).filter((a) => a.jobKey).length >= 2,
      )!;
      const result = await connectorFor(sim, 'token').fetchCandidate(id('candidate', c.key));
      expect(result.ok).toBe(true);
      const snapshot = result.ok ? result.value : null;
      expectCandidateMatches(sim, snapshot?.candidate, c);
      const expected = expectedApplications(sim, c);
      expect(snapshot?.applications).toHaveLength(expected.length);
      for (const app of expected) {
        expect(snapshot?.applications.find((a) => a.remoteId === app.remoteId)).toMatchObject(app);
      }
      const kinds = (kind: string) => snapshot?.related.filter((r) => r.kind === kind) ?? [];
      expect(
        kinds('job')
          .map((r) => r.record.remoteId)
          .sort(),
      ).toEqual([...new Set(expected.map((a) => a.jobRemoteId))].sort());
      // Stages as the full sync wrote them (same ids and positions).
      const { stages: all } = await readAll(connectorFor(sim, 'token'), 'FULL', {}, ['stages']);
      const stages = new Map(all.map((st) => [st.remoteId, st]));
      for (const stage of kinds('stage'))
        expect(stage.record).toEqual(stages.get(stage.record.remoteId));
      expect(
        kinds('stage')
          .map((r) => r.record.remoteId)
          .sort(),
      ).toEqual([...new Set(expected.map((a) => a.stageRemoteId))].sort());
    });

    it('finds a new candidate and says null for a deleted one', async () => {
      const connector = connectorFor(sim, 'token');
      const created = sim.mutate.createCandidate({ firstName: 'Ångström', lastName: 'Nuñez' });
      const fresh = await connector.fetchCandidate(id('candidate', created.key));
      expect(fresh.ok && fresh.value?.candidate.fullName).toBe('Ångström Nuñez');
      expect(fresh.ok && fresh.value?.applications).toHaveLength(1);
      sim.mutate.deleteCandidate(created.key);
      expect(await connector.fetchCandidate(id('candidate', created.key))).toEqual({
        ok: true,
        value: null,
      });
    });

    it('downloads real PDF and DOCX bytes through the API', async () => {
      const connector = connectorFor(sim, 'oauth');
      const owners = [...sim.dataset.candidates.values()];
      for (const format of ['pdf', 'docx'] as const) {
        const c = owners.find((x) =>
          x.attachments.some((a) => a.format === format && a.kind === 'RESUME'),
        )!;
        const fetched = await connector.fetchCandidate(id('candidate', c.key));
        const attachment = c.attachments.find((a) => a.format === format && a.kind === 'RESUME')!;
        const ref = fetched.ok
          ? fetched.value?.candidate.attachments.find(
              (a) => a.remoteId === id('attachment', attachment.key),
            )
          : undefined;
        expect(ref?.locator).toMatch(/^\/candidates\/[^/]+\/attachments\/[^/]+$/);
        const file = await connector.downloadAttachment(ref!);
        expect(file.ok).toBe(true);
        const bytes = file.ok ? file.value.content : Buffer.alloc(0);
        expect(bytes.subarray(0, 4).toString('latin1')).toBe(
          format === 'pdf' ? '%PDF' : 'PK\x03\x04',
        );
        const text = format === 'pdf' ? await pdfText(bytes) : await docxText(bytes);
        const expected = normalizeWhitespace(attachmentText(c, attachment)).slice(0, 80);
        expect(normalizeWhitespace(text)).toContain(expected);
      }
      const gone = await connector.downloadAttachment({
        remoteId: 'x',
        name: 'x.pdf',
        type: 'RESUME',
        contentType: null,
        locator: '/candidates/nobody/attachments/x',
      });
      expect(gone.ok ? null : gone.error.kind).toBe('not_found');
    });
  });

  describe('webhooks', () => {
    let connector: SmartRecruitersConnector;
    let receiver: WebhookReceiver;
    let secret = '';
    const verdicts: WebhookVerdict[] = [];
    const inbound = (
      req: ReceivedRequest,
      headers = req.headers,
      rawBody = req.rawBody,
    ): InboundWebhook => ({
      headers,
      rawBody,
      url: receiver.url,
    });

    beforeAll(async () => {
      connector = connectorFor(sim, 'token');
      // The app's intake in miniature: answer the handshake, accept only verified deliveries.
      receiver = await startWebhookReceiver((req) => {
        const verdict = connector.parseWebhook(inbound(req), secret);
        verdicts.push(verdict);
        if (verdict.ok && 'handshake' in verdict)
          return { status: 200, headers: verdict.handshake.headers };
        return { status: verdict.ok ? 202 : 401 };
      });
    });
    afterAll(() => receiver.close());

    it('creates, keys and activates a subscription through the handshake', async () => {
      const result = await connector.registerWebhooks(receiver.url);
      expect(result.ok).toBe(true);
      const value = result.ok ? result.value : null;
      secret = value?.secret ?? '';
      const [subscription] = sim.webhooks.subscriptions();
      expect(sim.webhooks.subscriptions()).toHaveLength(1);
      expect(subscription).toMatchObject({ status: 'active', callbackUrl: receiver.url });
      expect(subscription?.keys.at(-1)?.secret).toBe(secret);
      expect(value?.registrations).toEqual([
        { remoteId: subscription?.id, events: subscription?.events.map((e) => e.name) },
      ]);
      expect(verdicts[0]).toMatchObject({
        ok: true,
        handshake: { headers: { 'X-Hook-Secret': expect.any(String) } },
      });
    });

    it('registering again replaces the subscription instead of adding one', async () => {
      const again = await connector.registerWebhooks(receiver.url);
      expect(again.ok).toBe(true);
      secret = again.ok ? (again.value.secret ?? '') : '';
      expect(sim.webhooks.subscriptions()).toHaveLength(1);
    });

    it('verifies real deliveries and reads their ids', async () => {
      const before = receiver.received.length;
      const [c] = [...sim.dataset.candidates.values()];
      const app = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey,
      )!;
      const doomed = [...sim.dataset.candidates.values()].at(-1)!;
      sim.mutate.updateCandidate(c!.key, { firstName: 'Émile' });
      sim.mutate.moveStage(app.key);
      sim.mutate.deleteCandidate(doomed.key);
      const job = sim.mutate.updateJob([...sim.dataset.jobs.values()][1]!.key);
      await sim.webhooks.flush();
      const delivered = receiver.received.slice(before);
      expect(delivered).toHaveLength(4);
      const events = delivered.map((r) => {
        const v = connector.parseWebhook(inbound(r), secret);
        expect(v.ok && 'events' in v && v.deliveryId).toBe(r.headers['event-id']);
        return v.ok && 'events' in v ? v.events : [];
      });
      expect(events.flat()).toEqual([
        { kind: 'candidate_changed', candidateRemoteId: id('candidate', c!.key) },
        {
          kind: 'application_changed',
          applicationRemoteId: `${id('candidate', app.candidateKey)}:${id('job', app.jobKey!)}`,
          candidateRemoteId: id('candidate', app.candidateKey),
        },
        { kind: 'candidate_deleted', candidateRemoteId: id('candidate', doomed.key) },
        { kind: 'job_changed', jobRemoteId: id('job', job.key) },
      ]);
      expect(sim.webhooks.deliveries.slice(-4).every((d) => d.status === 202)).toBe(true);
    });

    it('refuses forged, unsigned, tampered, stale and future deliveries', () => {
      const delivery = receiver.received.at(-1)!;
      const h = delivery.headers;
      const sign = (timestamp: string, key = secret) =>
        'v1=' +
        crypto
          .createHmac('sha256', key)
          .update(
            srSignedPayload(
              timestamp,
              delivery.rawBody.toString('utf8'),
              String(h['event-id']),
              String(h['event-name']),
              String(h['event-version']),
              String(h['link']),
            ),
          )
          .digest('hex');
      const verdict = (
        headers: Record<string, string | string[] | undefined>,
        body = delivery.rawBody,
      ) => connector.parseWebhook(inbound(delivery, headers, body), secret);
      const now = String(Math.floor(Date.now() / 1000));

      expect(
        verdict({ ...h, 'smartrecruiters-timestamp': now, 'smartrecruiters-signature': sign(now) })
          .ok,
      ).toBe(true);
      // Keys rotating: several entries, any one may match.
      const rotated = `v1=${'0'.repeat(64)}; ${sign(now)}`;
      expect(
        verdict({ ...h, 'smartrecruiters-timestamp': now, 'smartrecruiters-signature': rotated })
          .ok,
      ).toBe(true);

      const refused = [
        verdict({ ...h, 'smartrecruiters-signature': undefined }),
        verdict({
          ...h,
          'smartrecruiters-signature': sign(now, 'not-the-secret'),
          'smartrecruiters-timestamp': now,
        }),
        verdict(h, Buffer.concat([delivery.rawBody, Buffer.from(' ')])),
        verdict({ ...h, 'event-name': 'candidate.deleted' }),
        verdict({
          ...h,
          'smartrecruiters-timestamp': String(Number(h['smartrecruiters-timestamp']) + 1),
        }),
      ];
      const stale = String(Math.floor(Date.now() / 1000) - 6 * 60);
      const future = String(Math.floor(Date.now() / 1000) + 5 * 60);
      const late = verdict({
        ...h,
        'smartrecruiters-timestamp': stale,
        'smartrecruiters-signature': sign(stale),
      });
      const early = verdict({
        ...h,
        'smartrecruiters-timestamp': future,
        'smartrecruiters-signature': sign(future),
      });
      for (const v of [...refused, late, early]) expect(v.ok).toBe(false);
      expect(late.ok ? '' : late.reason).toMatch(/too old/);
      expect(early.ok ? '' : early.reason).toMatch(/future/);
      expect(connector.parseWebhook(inbound(delivery), '')).toMatchObject({ ok: false });
      // A handshake needs no secret, and only ever echoes.
      expect(connector.parseWebhook(inbound(delivery, { 'x-hook-secret': 'abc123' }), '')).toEqual({
        ok: true,
        handshake: { headers: { 'X-Hook-Secret': 'abc123' } },
      });
    });

    it('removes the subscriptions', async () => {
      const ids = sim.webhooks.subscriptions().map((s) => ({ remoteId: s.id, events: [] }));
      expect(await connector.unregisterWebhooks(ids)).toEqual({ ok: true, value: undefined });
      expect(sim.webhooks.subscriptions()).toHaveLength(0);
      // Already gone counts as done.
      expect((await connector.unregisterWebhooks(ids)).ok).toBe(true);
    });
  });
});

describe('SmartRecruitersConnector under faults and rate limits', () => {
  it('completes through a 429 storm and a 5xx burst', async () => {
    const sim = await startSmartRecruitersSimulator({
      seed: 'sr-faults',
      candidates: 12,
      jobs: 4,
      rateLimit: false,
    });
    try {
      const waits: number[] = [];
      const connector = connectorFor(sim, 'token', { onRateLimited: (ms) => waits.push(ms) });
      // 429s on the list and on parallel detail calls (their pauses overlap), 5xx on others.
      sim.faults.throttleNext(1, 1, /^\/candidates$/);
      sim.faults.throttleNext(5, 1, '/properties');
      sim.faults.failNext(4, 503, '/attachments');
      sim.faults.failNext(2, 502, '/jobs');
      const read = await readAll(connector, 'FULL', {}, ['jobs', 'candidates']);
      expect(read.candidates).toHaveLength(12);
      expect(read.jobs).toHaveLength(sim.dataset.jobs.size);
      expect(sim.requestLog.where((e) => e.status === 429)).toHaveLength(6);
      expect(sim.requestLog.where((e) => e.status >= 500)).toHaveLength(6);
      expect(waits.length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });

  it('skips and reports a malformed candidate, keeping the others', async () => {
    const sim = await startSmartRecruitersSimulator({
      seed: 'sr-malformed',
      candidates: 8,
      jobs: 3,
      rateLimit: false,
    });
    try {
      const [bad] = [...sim.dataset.candidates.values()];
      sim.faults.malformCandidate(bad!.key);
      const read = await readAll(connectorFor(sim, 'token'), 'FULL', {}, ['candidates']);
      expect(read.candidates).toHaveLength(7);
      expect(read.candidates.map((c) => c.remoteId)).not.toContain(
        String(sim.ids.get('candidate', bad!.key)),
      );
      expect(read.skipped).toHaveLength(1);
      expect(read.skipped[0]).toMatchObject({
        stream: 'candidates',
        reason: expect.stringMatching(/malformed/),
      });
    } finally {
      await sim.close();
    }
  });

  it('stays within 10 req/s, 8 in flight and one GET /candidates at a time, near the allowed rate', async () => {
    // The simulator's default limits, and the connector's default pacing.
    const sim = await startSmartRecruitersSimulator({ seed: 'sr-rate', candidates: 9, jobs: 3 });
    try {
      const connector = connectorFor(sim, 'token', { pacing: undefined });
      const started = Date.now();
      const read = await readAll(connector, 'FULL', {}, ['jobs', 'candidates']);
      const elapsed = Date.now() - started;
      expect(read.candidates).toHaveLength(9);
      const log = sim.requestLog.entries;
      expect(log.filter((e) => e.status === 429)).toEqual([]);
      // No 1-second window (as the simulator counts them) holds more than 10 requests.
      for (const e of log) {
        expect(
          log.filter((o) => o.startedAt >= e.startedAt && o.startedAt < e.startedAt + 1000).length,
        ).toBeLessThanOrEqual(10);
      }
      const rate = (log.length - 1) / ((log.at(-1)!.startedAt - log[0]!.startedAt) / 1000);
      expect(rate).toBeGreaterThan(7.5);
      expect(elapsed).toBeLessThan(((log.length + 2) / 8) * 1000);
    } finally {
      await sim.close();
    }
  });
});
