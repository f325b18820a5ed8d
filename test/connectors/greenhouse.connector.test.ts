import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../src/connectors/connector';
import { encodeCursor } from '../../src/connectors/greenhouse/greenhouse-paging';
import {
  ALL_GREENHOUSE_SCOPES,
  startGreenhouseSimulator,
  type GreenhouseSimulator,
} from '../simulators/index';
import { docxText, normalizeWhitespace, pdfText } from '../simulators/testing/documents';
import { startWebhookReceiver, type WebhookReceiver } from '../simulators/testing/webhook-receiver';
import {
  connectorFor,
  expectedStatus,
  expectMatchesDataset,
  readAll,
  type ReadResult,
} from './greenhouse-harness';

describe('GreenhouseConnector against the Harvest v3 simulator', () => {
  let sim: GreenhouseSimulator;
  let full: ReadResult;
  const connector = () => connectorFor(sim);
  const id = (kind: Parameters<GreenhouseSimulator['ids']['get']>[0], key: string) =>
    String(sim.ids.get(kind, key));

  beforeAll(async () => {
    // 520 candidates and ~620 applications: two pages of 500 each, so next links are followed.
    // A relaxed limit: announced in the headers (so the connector paces to it), never reached.
    sim = await startGreenhouseSimulator({
      seed: 'greenhouse-connector',
      candidates: 520,
      rateLimit: { limit: 100_000, windowMs: 10_000 },
    });
  });
  afterAll(() => sim.close());

  describe('full and incremental reads', () => {
    let ghc: ReturnType<typeof connectorFor>;

    beforeAll(async () => {
      ghc = connector();
      full = await readAll(ghc, 'FULL');
    });

    it('reads every stream to exactly the dataset', () => {
      expect(full.skipped).toEqual([]);
      expectMatchesDataset(full, sim);
      expect(full.pages['candidates']).toBe(2);
      expect(full.pages['applications']).toBe(2);
      // Accents survive the trip (the generator writes names such as "Sofía", "München").
      const accented = full.candidates.filter((c) => /[^ -~]/.test(c.fullName));
      expect(accented.length).toBeGreaterThan(50);
      // Both places Greenhouse keeps GitHub links are read.
      const githubFrom = (field: string) =>
        full.candidates.filter((c) =>
          ((c.raw[field] ?? []) as { value: string }[]).some((l) => l.value.includes('github')),
        ).length;
      expect(githubFrom('social_media_addresses')).toBeGreaterThan(0);
      expect(githubFrom('website_addresses')).toBeGreaterThan(0);
      expect(new Set(full.applications.map((a) => a.status))).toEqual(
        new Set(['ACTIVE', 'REJECTED', 'HIRED']),
      );
      expect(full.applications.some((a) => a.isProspect && a.jobRemoteId === null)).toBe(true);
    });

    it('sends per_page=500 first, then only the cursor, and leaves raw payloads intact', () => {
      const lists = sim.requestLog.where((e) => e.path.startsWith('/v3/'));
      expect(lists.every((e) => e.status === 200)).toBe(true);
      const cursorCalls = lists.filter((e) => e.query.includes('cursor='));
      expect(cursorCalls.length).toBeGreaterThanOrEqual(2);
      for (const e of cursorCalls)
        expect([...new URLSearchParams(e.query).keys()]).toEqual(['cursor']);
      const first = lists.find((e) => e.path === '/v3/candidates');
      expect(new URLSearchParams(first?.query).get('per_page')).toBe('500');
      const sample = full.candidates[0];
      expect(sample?.raw).toMatchObject({
        id: Number(sample?.remoteId),
        time_zone: expect.any(String),
      });
    });

    it('obtains one token and reuses it for the whole sync', () => {
      expect(ghc.tokensGranted).toBe(1);
      expect(sim.requestLog.where((e) => e.path === '/token')).toHaveLength(1);
    });

    it('keeps the vendor time the stream started as incremental state', () => {
      for (const stream of ['users', 'jobs', 'candidates', 'applications']) {
        const since = Date.parse(String(full.states[stream]?.['since']));
        expect(Math.abs(since - Date.now())).toBeLessThan(60_000);
      }
      // Small reference lists are read whole every time and keep no state.
      expect(full.states['sources']).toBeUndefined();
    });

    it('reads only what changed since, with the new values', async () => {
      const [first, second] = [...sim.dataset.candidates.values()];
      const active = [...sim.dataset.applications.values()].filter(
        (a) => a.status === 'ACTIVE' && a.jobKey,
      );
      const [toMove, toReject] = active;
      sim.mutate.updateCandidate(first!.key, { firstName: 'Łucja', lastName: 'Żółkiewska' });
      const moved = sim.mutate.moveStage(toMove!.key);
      const rejected = sim.mutate.reject(toReject!.key);
      const created = sim.mutate.createCandidate({ firstName: 'Zoë', lastName: 'Ørsted' });
      const job = sim.mutate.updateJob([...sim.dataset.jobs.values()][0]!.key);
      sim.mutate.updateCandidate(second!.key, {
        linkedinUrl: 'https://www.linkedin.com/in/new-profile/',
      });

      const inc = await readAll(connector(), 'INCREMENTAL', full.states);
      expect(inc.candidates.map((c) => c.remoteId).sort()).toEqual(
        [first!, second!, created].map((c) => id('candidate', c.key)).sort(),
      );
      const changedCandidateKeys = new Set([
        first!.key,
        created.key,
        toMove!.candidateKey,
        toReject!.candidateKey,
      ]);
      expect(inc.candidates.find((c) => c.remoteId === id('candidate', first!.key))).toMatchObject({
        firstName: 'Łucja',
        lastName: 'Żółkiewska',
      });
      expect(
        inc.candidates
          .find((c) => c.remoteId === id('candidate', second!.key))
          ?.socialLinks.find((l) => l.type === 'LINKEDIN')?.url,
      ).toBe('https://www.linkedin.com/in/new-profile/');
      const newCandidate = inc.candidates.find((c) => c.remoteId === id('candidate', created.key));
      expect(newCandidate?.attachments).toHaveLength(created.attachments.length);

      const apps = new Map(inc.applications.map((a) => [a.remoteId, a]));
      expect(apps.get(id('application', moved.key))).toMatchObject({
        stageName: sim.dataset.stage(moved.stageKey)?.name,
        status: expectedStatus(moved.status),
      });
      expect(apps.get(id('application', rejected.key))).toMatchObject({
        status: 'REJECTED',
        rejectionReasonRemoteId: id('rejectionReason', rejected.rejectionReasonKey!),
      });
      const newApp = sim.dataset.applicationsOf(created.key)[0]!;
      expect(apps.get(id('application', newApp.key))).toMatchObject({
        candidateRemoteId: id('candidate', created.key),
        status: 'ACTIVE',
        stageName: 'New',
      });
      expect(inc.applications).toHaveLength(3);
      expect(inc.jobs.map((j) => j.remoteId)).toEqual([id('job', job.key)]);
      expect(inc.jobs[0]?.status).toBe(job.status);
      // Reference lists without an update filter come whole; the big streams do not.
      expect(inc.sources).toHaveLength(sim.dataset.reference.sources.length);
      expect(inc.users).toHaveLength(0);
      expect(changedCandidateKeys.size).toBeGreaterThan(0);
      for (const stream of ['candidates', 'applications']) {
        expect(Date.parse(String(inc.states[stream]?.['since']))).toBeGreaterThanOrEqual(
          Date.parse(String(full.states[stream]?.['since'])),
        );
      }
    });
  });

  describe('auth', () => {
    it('refreshes the token once when Greenhouse answers 401', async () => {
      const ghc = connector();
      expect((await ghc.fetchPage('sources', { mode: 'FULL', cursor: null, state: {} })).ok).toBe(
        true,
      );
      sim.faults.expireAccessTokens();
      const page = await ghc.fetchPage('sources', { mode: 'FULL', cursor: null, state: {} });
      expect(page.ok && page.value.records).toHaveLength(sim.dataset.reference.sources.length);
      expect(ghc.tokensGranted).toBe(2);
    });

    it('caches the token until shortly before expires_in, then fetches a new one', async () => {
      let now = Date.now();
      const ghc = connectorFor(sim, { now: () => now });
      const read = () =>
        ghc.fetchPage('rejection_reasons', { mode: 'FULL', cursor: null, state: {} });
      expect((await read()).ok).toBe(true);
      now += 30 * 60_000;
      expect((await read()).ok).toBe(true);
      expect(ghc.tokensGranted).toBe(1);
      now += 29 * 60_000 + 30_000; // 59.5 minutes into a 60-minute token
      expect((await read()).ok).toBe(true);
      expect(ghc.tokensGranted).toBe(2);
    });

    it('reports a refused grant as an auth error', async () => {
      const bad = connectorFor(sim, {}, { ...sim.credentials, clientSecret: 'wrong' });
      const page = await bad.fetchPage('users', { mode: 'FULL', cursor: null, state: {} });
      expect(page.ok ? null : page.error.kind).toBe('auth');
    });
  });

  describe('verify', () => {
    it('accepts good credentials and names the acting user', async () => {
      const result = await connector().verify();
      const admin = sim.dataset.reference.users.find((u) => u.role === 'ADMIN')!;
      expect(result).toEqual({
        ok: true,
        value: {
          account: `${admin.firstName} ${admin.lastName} <${admin.email}>`,
          missingPermissions: [],
        },
      });
    });

    it('refuses a bad secret and an unknown user', async () => {
      const badSecret = await connectorFor(
        sim,
        {},
        { ...sim.credentials, clientSecret: 'nope' },
      ).verify();
      expect(badSecret.ok ? null : badSecret.error.kind).toBe('auth');
      const badUser = await connectorFor(sim, {}, { ...sim.credentials, userId: 1 }).verify();
      expect(badUser.ok ? null : badUser.error).toMatchObject({
        kind: 'auth',
        message: expect.stringContaining('sub'),
      });
    });

    it('lists the scopes reduced credentials lack', async () => {
      const lacking = [
        'harvest:candidates:list',
        'harvest:attachments:list',
        'harvest:offices:list',
      ];
      const reduced = sim.createCredentials(
        ALL_GREENHOUSE_SCOPES.filter((s) => !lacking.includes(s)),
      );
      const result = await connectorFor(sim, {}, reduced).verify();
      expect(result.ok && [...result.value.missingPermissions].sort()).toEqual([...lacking].sort());
      const page = await connectorFor(sim, {}, reduced).fetchPage('candidates', {
        mode: 'FULL',
        cursor: null,
        state: {},
      });
      expect(page.ok ? null : page.error).toMatchObject({
        kind: 'permission',
        missing: ['harvest:candidates:list'],
      });
    });
  });

  describe('resilience', () => {
    it('completes with correct data through a 429 storm and a 5xx burst', async () => {
      const waits: number[] = [];
      const ghc = connectorFor(sim, { onRateLimited: (ms) => waits.push(ms) });
      // The storm hits the parallel detail requests of a candidate page and two list calls.
      // (Each 429 costs up to 2 s: Retry-After, and X-RateLimit-Reset rounded up to a second.)
      sim.faults.throttleNext(1, 0, '/v3/users');
      sim.faults.throttleNext(4, 1, '/v3/candidate_e');
      sim.faults.throttleNext(1, 0, '/v3/applications');
      sim.faults.failNext(3, 503, '/v3/applications');
      sim.faults.failNext(2, 502, '/v3/attachments');
      const before = sim.requestLog.entries.length;
      const read = await readAll(ghc, 'FULL');
      const answered = sim.requestLog.entries.slice(before);
      expect(answered.filter((e) => e.status === 429)).toHaveLength(6);
      expect(answered.filter((e) => e.status >= 500)).toHaveLength(5);
      expect(read.skipped).toEqual([]);
      expectMatchesDataset(read, sim);
      expect(waits).toContain(1000);
    });

    it('skips a malformed candidate, reports it and keeps the others', async () => {
      const victim = [...sim.dataset.candidates.values()][3]!;
      sim.faults.malformCandidate(victim.key);
      try {
        const read = await readAll(connector(), 'FULL', {}, ['candidates']);
        expect(read.candidates).toHaveLength(sim.dataset.candidates.size - 1);
        expect(read.candidates.some((c) => c.remoteId === id('candidate', victim.key))).toBe(false);
        expect(read.skipped).toHaveLength(1);
        expect(read.skipped[0]).toMatchObject({ stream: 'candidates', remoteId: null });
        expect(read.skipped[0]?.reason).toMatch(/id.*first_name|first_name.*id/s);
      } finally {
        sim.faults.clear();
      }
    });

    it('starts a stream over when its cursor is unreadable or refused', async () => {
      const ghc = connector();
      const garbage = await ghc.fetchPage('candidates', {
        mode: 'FULL',
        cursor: 'not-ours',
        state: {},
      });
      expect(garbage.ok && garbage.value.records).toHaveLength(500);
      const stale = encodeCursor({ vendorCursor: 'expired', startedAt: Date.now(), restarts: 0 });
      const restarted = await ghc.fetchPage('applications', {
        mode: 'FULL',
        cursor: stale,
        state: {},
      });
      expect(restarted.ok && restarted.value.records).toHaveLength(500);
      expect(restarted.ok && restarted.value.nextCursor).toEqual(expect.any(String));
    });
  });

  describe('single candidates and files', () => {
    it('fetches a new candidate with applications and what they reference', async () => {
      const created = sim.mutate.createCandidate({ firstName: 'Inès', lastName: 'Dubois' });
      const app = sim.dataset.applicationsOf(created.key)[0]!;
      const result = await connector().fetchCandidate(id('candidate', created.key));
      expect(result.ok).toBe(true);
      const snapshot = result.ok ? result.value : null;
      expect(snapshot?.candidate).toMatchObject({ fullName: 'Inès Dubois' });
      expect(snapshot?.candidate.attachments).toHaveLength(created.attachments.length);
      expect(snapshot?.applications.map((a) => a.remoteId)).toEqual([id('application', app.key)]);
      const related = snapshot?.related ?? [];
      const kinds = (kind: string) =>
        related.filter((r) => r.kind === kind).map((r) => r.record.remoteId);
      expect(kinds('job')).toEqual([id('job', app.jobKey!)]);
      expect(kinds('stage')).toContain(id('jobStage', `${app.jobKey}/new`));
      expect(kinds('user')).toEqual([id('user', app.recruiterKey!)]);
      if (app.sourceKey) expect(kinds('source')).toEqual([id('source', app.sourceKey)]);
    });

    it('answers null for deleted and merged-away candidates', async () => {
      const [doomed, survivor, loser] = [...sim.dataset.candidates.values()].slice(10, 13);
      const doomedId = id('candidate', doomed!.key);
      const loserId = id('candidate', loser!.key);
      sim.mutate.deleteCandidate(doomed!.key);
      sim.mutate.mergeCandidates(survivor!.key, loser!.key);
      const ghc = connector();
      expect(await ghc.fetchCandidate(doomedId)).toEqual({ ok: true, value: null });
      expect(await ghc.fetchCandidate(loserId)).toEqual({ ok: true, value: null });
      expect(await ghc.fetchCandidate('not-a-greenhouse-id')).toEqual({ ok: true, value: null });
      const kept = await ghc.fetchCandidate(id('candidate', survivor!.key));
      expect(kept.ok && kept.value?.applications.length).toBe(
        sim.dataset.applicationsOf(survivor!.key).length,
      );
    });

    it('reads many candidates in the calls one takes, gone ones as null', async () => {
      const picked = [...sim.dataset.candidates.values()].slice(20, 32);
      const ids = picked.map((c) => id('candidate', c.key));
      const ghc = connector();
      const listCalls = (): number => sim.requestLog.where((e) => e.path.startsWith('/v3/')).length;
      const start = listCalls();
      const single = await ghc.fetchCandidate(ids[0]!);
      expect(single.ok).toBe(true);
      const before = listCalls();
      const oneCalls = before - start;
      const batch = await ghc.fetchCandidates([...ids, '999999999', 'not-an-id']);
      const calls = listCalls() - before;
      if (!batch.ok) throw new Error(batch.error.message);
      expect(batch.value.malformed).toEqual([]);
      expect(batch.value.byId.get('999999999')).toBeNull();
      expect(batch.value.byId.get('not-an-id')).toBeNull();
      for (const candidate of picked) {
        const snapshot = batch.value.byId.get(id('candidate', candidate.key));
        expect(snapshot?.candidate.remoteId).toBe(id('candidate', candidate.key));
        expect(snapshot?.applications.map((a) => a.remoteId).sort()).toEqual(
          sim.dataset
            .applicationsOf(candidate.key)
            .map((a) => id('application', a.key))
            .sort(),
        );
      }
      // Twelve candidates cost no more list calls than one did.
      expect(calls).toBeLessThanOrEqual(oneCalls);
      const jobs = new Set(
        batch.value.related.filter((r) => r.kind === 'job').map((r) => r.record.remoteId),
      );
      for (const candidate of picked) {
        for (const app of sim.dataset.applicationsOf(candidate.key)) {
          if (app.jobKey) expect(jobs.has(id('job', app.jobKey))).toBe(true);
        }
      }
    });

    it('reads jobs, stages, users and sources once for a burst of refreshes, but never a job it has not seen', async () => {
      let now = Date.now();
      const ghc = connectorFor(sim, { now: () => now });
      const picked = [...sim.dataset.candidates.values()].slice(40, 52);
      const ids = picked.map((c) => id('candidate', c.key));
      const REFERENCE = [
        'jobs',
        'job_interview_stages',
        'users',
        'sources',
        'rejection_reasons',
        'job_posts',
      ];
      const callsSince = (mark: number) => {
        const calls = sim.requestLog.entries.slice(mark).filter((e) => e.path.startsWith('/v3/'));
        const reference = calls.filter((e) => REFERENCE.includes(e.path.slice(4)));
        return {
          all: calls.map((e) => e.path.slice(4)).sort(),
          reference: reference.map((e) => e.path.slice(4)).sort(),
        };
      };
      const refresh = async () => {
        const batch = await ghc.fetchCandidates(ids);
        if (!batch.ok) throw new Error(batch.error.message);
        return batch.value;
      };

      let mark = sim.requestLog.entries.length;
      const first = await refresh();
      const cold = callsSince(mark);
      expect(cold.reference).toEqual(
        expect.arrayContaining(['jobs', 'job_interview_stages', 'users']),
      );

      // The same candidates again: their own rows are read, the reference rows come from memory
      // and are still handed over complete.
      mark = sim.requestLog.entries.length;
      const second = await refresh();
      const warm = callsSince(mark);
      expect(warm.reference).toEqual([]);
      // Only the candidates' own rows were read.
      expect(warm.all).toEqual([
        'applications',
        'attachments',
        'candidate_educations',
        'candidate_employments',
        'candidates',
      ]);
      const kinds = (batch: typeof first) =>
        batch.related.map((r) => `${r.kind}:${r.record.remoteId}`).sort();
      expect(kinds(second)).toEqual(kinds(first));

      // A job created since, with one of them applying to it: read, with its stages.
      const job = sim.mutate.createJob();
      sim.mutate.applyToJob(picked[0]!.key, job.key);
      mark = sim.requestLog.entries.length;
      const third = await refresh();
      expect(callsSince(mark).reference).toEqual(
        expect.arrayContaining(['jobs', 'job_interview_stages']),
      );
      const jobId = id('job', job.key);
      expect(third.related.some((r) => r.kind === 'job' && r.record.remoteId === jobId)).toBe(true);
      const stagesOfJob = third.related.filter(
        (r) => r.kind === 'stage' && 'jobRemoteId' in r.record && r.record.jobRemoteId === jobId,
      );
      expect(stagesOfJob.length).toBeGreaterThan(0);

      // Past the five minutes, everything is read again.
      now += 5 * 60_000 + 1;
      mark = sim.requestLog.entries.length;
      await refresh();
      expect(callsSince(mark).reference).toEqual(cold.reference);
    });

    it('downloads the real PDF and DOCX bytes of attachments', async () => {
      const ghc = connector();
      for (const format of ['pdf', 'docx'] as const) {
        const owner = [...sim.dataset.candidates.values()].find(
          (c) => c.attachments[0]?.kind === 'RESUME' && c.attachments[0].format === format,
        )!;
        const record = full.candidates.find((c) => c.remoteId === id('candidate', owner.key));
        const ref = record?.attachments[0];
        expect(ref?.contentType).toBe(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        const file = await ghc.downloadAttachment(ref!);
        if (!file.ok) throw new Error(file.error.message);
        expect(file.value.content.subarray(0, 4).toString('latin1')).toBe(
          format === 'pdf' ? '%PDF' : 'PK\u0003\u0004',
        );
        const text =
          format === 'pdf' ? await pdfText(file.value.content) : await docxText(file.value.content);
        expect(normalizeWhitespace(text)).toBe(normalizeWhitespace(owner.resumeText));
      }
      const gone = await ghc.downloadAttachment({
        remoteId: '1',
        name: 'x.pdf',
        type: 'RESUME',
        contentType: null,
        locator: `${sim.url}/attachment-files/forged.token`,
      });
      expect(gone.ok ? null : gone.error.kind).toBe('not_found');
    });
  });

  describe('webhooks', () => {
    const secret = 'greenhouse-webhook-secret';
    let receiver: WebhookReceiver;
    const verdictOf = (
      index: number,
      overrides: { secret?: string; body?: Buffer; signature?: string | null } = {},
    ) => {
      const delivery = receiver.received[index]!;
      const headers = { ...delivery.headers };
      if (overrides.signature === null) delete headers['signature'];
      else if (overrides.signature !== undefined) headers['signature'] = overrides.signature;
      return connector().parseWebhook(
        { headers, rawBody: overrides.body ?? delivery.rawBody, url: receiver.url },
        overrides.secret ?? secret,
      );
    };
    const eventsOf = (index: number): WebhookEvent[] => {
      const verdict = verdictOf(index);
      if (!verdict.ok || !('events' in verdict)) throw new Error(JSON.stringify(verdict));
      return verdict.events;
    };

    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      expect((await sim.webhooks.register({ url: receiver.url, secret })).enabled).toBe(true);
    });
    afterAll(() => receiver.close());

    it('accepts real deliveries and maps them to events', async () => {
      expect(eventsOf(0)).toEqual([{ kind: 'ping' }]);
      const candidates = [...sim.dataset.candidates.values()];
      const app = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey,
      )!;
      const doomed = candidates[20]!;
      const [survivor, loser] = [candidates[21]!, candidates[22]!];
      const job = sim.mutate.createJob({ title: 'Ingénieure logiciel' });
      sim.mutate.moveStage(app.key);
      sim.mutate.updateCandidate(candidates[23]!.key, { firstName: 'Ágota' });
      sim.mutate.deleteCandidate(doomed.key);
      sim.mutate.mergeCandidates(survivor.key, loser.key);
      await sim.webhooks.flush();
      await receiver.waitFor(6);

      const all = receiver.received.map((_, i) => eventsOf(i));
      expect(all.slice(1)).toEqual([
        [{ kind: 'job_changed', jobRemoteId: id('job', job.key) }],
        [
          {
            kind: 'application_changed',
            applicationRemoteId: id('application', app.key),
            candidateRemoteId: id('candidate', app.candidateKey),
          },
        ],
        [{ kind: 'candidate_changed', candidateRemoteId: id('candidate', candidates[23]!.key) }],
        [{ kind: 'candidate_deleted', candidateRemoteId: id('candidate', doomed.key) }],
        [
          {
            kind: 'candidate_merged',
            loserRemoteId: id('candidate', loser.key),
            survivorRemoteId: id('candidate', survivor.key),
          },
        ],
      ]);
      const verdict = verdictOf(2);
      expect(verdict.ok && 'deliveryId' in verdict && verdict.deliveryId).toBe(
        receiver.received[2]!.headers['greenhouse-event-id'],
      );
    });

    it('refuses forged, unsigned, tampered and mis-formatted deliveries', () => {
      const raw = receiver.received[2]!.rawBody;
      const hex = (key: string, body: Buffer) =>
        crypto.createHmac('sha256', key).update(body).digest('hex');
      expect(verdictOf(2, { secret: 'someone-else' })).toMatchObject({ ok: false });
      expect(verdictOf(2, { signature: null })).toMatchObject({ ok: false });
      const tampered = Buffer.from(raw.toString('utf8').replace(/"id":(\d)/, '"id":9'));
      expect(tampered.equals(raw)).toBe(false);
      expect(verdictOf(2, { body: tampered })).toMatchObject({ ok: false });
      expect(verdictOf(2, { signature: `sha256=${hex(secret, raw)}` })).toMatchObject({
        ok: false,
      });
      expect(verdictOf(2, { secret: '' })).toMatchObject({ ok: false });
      const notJson = Buffer.from('not json');
      expect(
        verdictOf(2, { body: notJson, signature: `sha256 ${hex(secret, notJson)}` }),
      ).toMatchObject({
        ok: false,
        reason: 'body is not JSON',
      });
      // A well-signed application event without its ids cannot be acted on.
      const empty = Buffer.from(JSON.stringify({ action: 'candidate_stage_change', payload: {} }));
      expect(
        verdictOf(2, { body: empty, signature: `sha256 ${hex(secret, empty)}` }),
      ).toMatchObject({
        ok: false,
      });
    });
  });

  it('paces to the announced limit without earning a 429', async () => {
    const small = await startGreenhouseSimulator({
      seed: 'greenhouse-pacing',
      candidates: 160,
      rateLimit: { limit: 10, windowMs: 1000 },
    });
    try {
      const waits: number[] = [];
      const ghc = connectorFor(small, {
        rateLimitWindowMs: 1000,
        onRateLimited: (ms) => waits.push(ms),
      });
      const started = Date.now();
      const read = await readAll(ghc, 'FULL');
      const elapsed = Date.now() - started;
      expectMatchesDataset(read, small);
      const calls = small.requestLog.where((e) => e.path.startsWith('/v3/'));
      expect(calls.filter((e) => e.status === 429)).toEqual([]);
      expect(calls.length).toBeGreaterThan(10);
      expect(waits.length).toBeGreaterThan(0);
      // Near the allowed 10/s: at least 60 % of it once the first window is used up.
      expect(calls.length / (elapsed / 1000)).toBeGreaterThan(
        6 * ((calls.length - 10) / calls.length),
      );
    } finally {
      await small.close();
    }
  });
});
