import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AshbyConnector } from '../../src/connectors/ashby/ashby.connector';
import { encodeStageCursor } from '../../src/connectors/ashby/ashby.stages';
import type { InboundWebhook } from '../../src/connectors/connector';
import {
  renderAttachment,
  startAshbySimulator,
  type AshbySimulator,
  type NeutralCandidate,
} from '../simulators';
import { startWebhookReceiver, type ReceivedRequest } from '../simulators/testing/webhook-receiver';
import {
  expectedApplication,
  expectedCandidate,
  readAllStreams,
  readStream,
  recordsOf,
  unwrap,
  withoutRaw,
  type StreamRead,
} from './ashby-expectations';

/** Short retry backoff: fault tests should not sit in 250 ms → 8 s waits. */
function connectorFor(
  sim: AshbySimulator,
  extra: { apiKey?: string; onRateLimited?: (ms: number) => void; maxRetries?: number } = {},
): AshbyConnector {
  return new AshbyConnector({
    baseUrl: sim.url,
    credentials: { apiKey: extra.apiKey ?? sim.credentials.apiKey },
    ...(extra.onRateLimited ? { onRateLimited: extra.onRateLimited } : {}),
    retry: {
      backoffMs: 5,
      ...(extra.maxRetries !== undefined ? { maxRetries: extra.maxRetries } : {}),
    },
  });
}

const jobApplications = (sim: AshbySimulator) =>
  [...sim.dataset.applications.values()].filter((a) => a.jobKey !== null);

describe('AshbyConnector against the Ashby simulator', () => {
  let sim: AshbySimulator;
  let connector: AshbyConnector;
  let full: Map<string, StreamRead>;

  beforeAll(async () => {
    sim = await startAshbySimulator({ seed: 'ashby-connector', candidates: 250 });
    connector = connectorFor(sim);
    full = await readAllStreams(connector);
  });
  afterAll(() => sim.close());

  describe('full read', () => {
    it('runs reference data, jobs and stages before candidates and applications', () => {
      expect(connector.streams('FULL')).toEqual([
        'users',
        'sources',
        'archive_reasons',
        'jobs',
        'stages',
        'candidates',
        'applications',
      ]);
    });

    it('reads users, sources and archive reasons exactly', () => {
      const ref = sim.dataset.reference;
      const users = recordsOf(full.get('users'), 'user');
      expect(users.map((u) => u.remoteId).sort()).toEqual(
        ref.users.map((u) => sim.ids.get('user', u.key)).sort(),
      );
      for (const u of ref.users) {
        expect(users.find((r) => r.remoteId === sim.ids.get('user', u.key))).toMatchObject({
          firstName: u.firstName,
          lastName: u.lastName,
          name: `${u.firstName} ${u.lastName}`,
          email: u.email,
          active: u.enabled,
        });
      }
      const sources = recordsOf(full.get('sources'), 'source');
      expect(sources.map((s) => [s.remoteId, s.name]).sort()).toEqual(
        ref.sources.map((s) => [sim.ids.get('source', s.key), s.name]).sort(),
      );
      const reasons = recordsOf(full.get('archive_reasons'), 'rejection_reason');
      expect(reasons.map((r) => [r.remoteId, r.name]).sort()).toEqual(
        ref.rejectionReasons.map((r) => [sim.ids.get('rejectionReason', r.key), r.name]).sort(),
      );
      expect(new Set(reasons.map((r) => r.type))).toEqual(
        new Set(['RejectedByOrg', 'RejectedByCandidate', 'Other']),
      );
    });

    it('reads jobs with status, department, location and postings', () => {
      const jobs = recordsOf(full.get('jobs'), 'job');
      const dataset = [...sim.dataset.jobs.values()];
      expect(jobs).toHaveLength(dataset.length);
      for (const j of dataset) {
        const record = jobs.find((r) => r.remoteId === sim.ids.get('job', j.key));
        expect(record).toMatchObject({
          title: j.title,
          status: j.status,
          department: sim.dataset.department(j.departmentKey)!.name,
          location: sim.dataset.office(j.officeKey)!.name,
          openedAt: j.openedAt === null ? null : new Date(j.openedAt),
          closedAt: j.closedAt === null ? null : new Date(j.closedAt),
        });
        expect(record!.postings).toEqual(
          j.hasPosting
            ? [
                {
                  remoteId: sim.ids.get('jobPosting', j.key),
                  title: j.title,
                  isListed: j.postingListed,
                  url: expect.stringContaining('jobs.ashbyhq.com'),
                },
              ]
            : [],
        );
      }
    });

    it('reads every stage of every interview plan in order', () => {
      const stages = recordsOf(full.get('stages'), 'stage');
      expect(stages.map((s) => [s.remoteId, s.name, s.position, s.jobRemoteId])).toEqual(
        sim.dataset.reference.stages.map((s) => [
          sim.ids.get('stage', s.key),
          s.name,
          s.order,
          null,
        ]),
      );
      expect(stages.find((s) => s.name === 'Archived')?.type).toBe('Archived');
    });

    it('reads every candidate with names, contacts, links, custom fields and files', () => {
      const read = full.get('candidates')!;
      const candidates = recordsOf(read, 'candidate');
      const dataset = [...sim.dataset.candidates.values()];
      expect(read.skipped).toEqual([]);
      expect(candidates).toHaveLength(dataset.length);
      const byId = new Map(candidates.map((c) => [c.remoteId, c]));
      for (const c of dataset) {
        expect(withoutRaw(byId.get(sim.ids.get('candidate', c.key)!)!)).toEqual(
          expectedCandidate(sim, c),
        );
      }
      // The sample must cover what it claims to.
      expect(candidates.some((c) => /[^\x20-\x7e]/.test(c.fullName))).toBe(true);
      expect(candidates.some((c) => c.socialLinks.some((l) => l.type === 'GITHUB'))).toBe(true);
      expect(candidates.some((c) => Object.keys(c.customFields).length > 1)).toBe(true);
      expect(candidates.some((c) => c.attachments.some((a) => a.type === 'OTHER'))).toBe(true);
      // The raw payload is kept whole, unmapped fields included.
      expect(candidates[0]!.raw).toMatchObject({ profileUrl: expect.any(String) });
    });

    it('reads every application with its status, stage and archive reason', () => {
      const read = full.get('applications')!;
      expect(read.pages).toBeGreaterThan(1);
      const applications = recordsOf(read, 'application');
      const dataset = jobApplications(sim);
      expect(applications).toHaveLength(dataset.length);
      const byId = new Map(applications.map((a) => [a.remoteId, a]));
      for (const a of dataset) {
        expect(withoutRaw(byId.get(sim.ids.get('application', a.key)!)!)).toEqual(
          expectedApplication(sim, a),
        );
      }
      const statuses = new Set(applications.map((a) => `${a.remoteStatus}->${a.status}`));
      expect(statuses).toEqual(
        new Set([
          'Archived->WITHDRAWN',
          'Lead->ACTIVE',
          'Active->ACTIVE',
          'Hired->HIRED',
          'Archived->REJECTED',
        ]),
      );
      expect(applications.filter((a) => a.isProspect).every((a) => a.remoteStatus === 'Lead')).toBe(
        true,
      );
    });

    it('hands back a sync token for the token streams and empty state for the others', () => {
      for (const stream of ['users', 'jobs', 'candidates', 'applications']) {
        expect(full.get(stream)!.completeState).toEqual({
          syncToken: expect.stringMatching(/^st_/),
        });
      }
      for (const stream of ['sources', 'archive_reasons', 'stages']) {
        expect(full.get(stream)!.completeState).toEqual({});
      }
    });

    it('resumes the stage stream from its own cursor and refuses a foreign one', async () => {
      const planId =
        (full.get('stages')!.records[0]!.record.raw['interviewPlanId'] as string) ?? '';
      const resumed = unwrap(
        await connector.fetchPage('stages', {
          mode: 'FULL',
          cursor: encodeStageCursor({ p: planId, i: 0 }),
          state: {},
        }),
      );
      expect(resumed.records).toHaveLength(sim.dataset.reference.stages.length);
      expect(resumed.nextCursor).toBeNull();
      const beyond = unwrap(
        await connector.fetchPage('stages', {
          mode: 'FULL',
          cursor: encodeStageCursor({ p: 'gone', i: 7 }),
          state: {},
        }),
      );
      expect(beyond.records).toEqual([]);
      const foreign = await connector.fetchPage('stages', {
        mode: 'FULL',
        cursor: '!!',
        state: {},
      });
      expect(foreign).toMatchObject({ ok: false, error: { kind: 'resync_required' } });
    });

    it('reports a malformed candidate in skipped and keeps the rest of the page', async () => {
      const victim = [...sim.dataset.candidates.values()][3]!;
      sim.faults.malformCandidate(victim.key);
      try {
        const read = unwrap(await readStream(connector, 'candidates'));
        expect(read.skipped).toEqual([
          { stream: 'candidates', remoteId: null, reason: expect.stringContaining('id') },
        ]);
        const ids = recordsOf(read, 'candidate').map((c) => c.remoteId);
        expect(ids).toHaveLength(sim.dataset.candidates.length - 1);
        expect(ids).not.toContain(sim.ids.get('candidate', victim.key));
      } finally {
        sim.faults.clear();
      }
    });
  });

  describe('faults and rate limits', () => {
    it('completes a full read through a burst of 5xx with the same data', async () => {
      sim.faults.failNext(5, 503);
      sim.faults.failNext(2, 502, 'candidate.list');
      const reads = await readAllStreams(connectorFor(sim));
      for (const [stream, read] of full) {
        expect(reads.get(stream)!.records, stream).toEqual(read.records);
      }
      expect(sim.requestLog.entries.filter((e) => e.status >= 500).length).toBeGreaterThanOrEqual(
        7,
      );
    });

    it('completes a full read through a 429 storm, telling about the waits', async () => {
      const waits: number[] = [];
      sim.faults.throttleNext(6, 0);
      const reads = await readAllStreams(
        connectorFor(sim, { onRateLimited: (ms) => waits.push(ms) }),
        true,
      );
      for (const [stream, read] of full) {
        expect(reads.get(stream)!.records, stream).toEqual(read.records);
      }
      expect(waits.length).toBeGreaterThanOrEqual(6);
    });

    it('gives up as unavailable when Ashby keeps failing', async () => {
      sim.faults.failNext(20, 503, 'user.list');
      try {
        const page = await connectorFor(sim, { maxRetries: 2 }).fetchPage('users', {
          mode: 'FULL',
          cursor: null,
          state: {},
        });
        expect(page).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
      } finally {
        sim.faults.clear();
      }
    });
  });

  describe('credentials', () => {
    it('verifies a full key with nothing missing', async () => {
      expect(unwrap(await connector.verify())).toEqual({ account: null, missingPermissions: [] });
    });

    it('names the permissions a reduced key lacks', async () => {
      const reduced = connectorFor(sim, {
        apiKey: sim.createApiKey(['candidatesRead', 'jobsRead']).apiKey,
      });
      expect(unwrap(await reduced.verify()).missingPermissions).toEqual([
        'hiringProcessMetadataRead',
        'organizationRead',
      ]);
      // Candidates stay readable; only the custom field types (hiringProcessMetadataRead) are lost.
      const candidates = recordsOf(unwrap(await readStream(reduced, 'candidates')), 'candidate');
      expect(candidates).toHaveLength(sim.dataset.candidates.length);
      const fields = candidates.flatMap((c) => Object.values(c.customFields));
      expect(fields.length).toBeGreaterThan(0);
      expect(fields.every((f) => f.type === null)).toBe(true);
      const page = await reduced.fetchPage('users', { mode: 'FULL', cursor: null, state: {} });
      expect(page).toMatchObject({
        ok: false,
        error: { kind: 'permission', missing: ['organizationRead'] },
      });
    });

    it('reports a wrong or deactivated key as an auth failure', async () => {
      expect(await connectorFor(sim, { apiKey: 'nope' }).verify()).toMatchObject({
        ok: false,
        error: { kind: 'auth' },
      });
      const { apiKey } = sim.createApiKey(['candidatesRead']);
      sim.deactivateApiKey(apiKey);
      const page = await connectorFor(sim, { apiKey }).fetchPage('candidates', {
        mode: 'FULL',
        cursor: null,
        state: {},
      });
      expect(page).toMatchObject({ ok: false, error: { kind: 'auth' } });
    });
  });

  describe('attachments', () => {
    it('downloads the real PDF and DOCX bytes without sending the key to storage', async () => {
      const candidates = recordsOf(full.get('candidates'), 'candidate');
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      try {
        for (const format of ['pdf', 'docx'] as const) {
          const owner = [...sim.dataset.candidates.values()].find((c) =>
            c.attachments.some((a) => a.format === format),
          )!;
          const attachment = owner.attachments.find((a) => a.format === format)!;
          const ref = candidates
            .find((c) => c.remoteId === sim.ids.get('candidate', owner.key))!
            .attachments.find((a) => a.remoteId === sim.ids.get('attachment', attachment.key))!;
          const file = unwrap(await connector.downloadAttachment(ref));
          const expected = renderAttachment(owner, attachment);
          expect(file.contentType).toBe(expected.contentType);
          expect(file.content.equals(expected.bytes)).toBe(true);
        }
        const storageCalls = fetchSpy.mock.calls.filter(([url]) =>
          (url instanceof Request ? url.url : url.toString()).includes('/files/'),
        );
        expect(storageCalls).toHaveLength(2);
        for (const [, init] of storageCalls) {
          expect(Object.keys(init?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain(
            'authorization',
          );
        }
      } finally {
        fetchSpy.mockRestore();
      }
    });

    it('answers not_found for a handle Ashby does not know', async () => {
      const result = await connector.downloadAttachment({
        remoteId: 'x',
        name: 'x.pdf',
        type: 'RESUME',
        contentType: null,
        locator: 'fh_bogus',
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    });
  });
});

describe('AshbyConnector incremental sync', () => {
  let sim: AshbySimulator;
  let connector: AshbyConnector;

  beforeAll(async () => {
    sim = await startAshbySimulator({ seed: 'ashby-incremental', candidates: 40 });
    connector = connectorFor(sim);
  });
  afterAll(() => sim.close());

  it('returns only what changed, with a new token, then nothing; stale tokens ask for a resync', async () => {
    const tokens: Record<string, Record<string, unknown>> = {};
    for (const stream of ['jobs', 'candidates', 'applications']) {
      tokens[stream] = unwrap(await readStream(connector, stream)).completeState!;
    }

    const [edited, mover] = [...sim.dataset.candidates.values()];
    sim.mutate.updateCandidate(edited!.key, { currentTitle: 'Staff Engineer' });
    const moved = sim.dataset
      .applicationsOf(mover!.key)
      .find((a) => a.jobKey !== null && a.status === 'ACTIVE')!;
    sim.mutate.moveStage(moved.key);
    const created = sim.mutate.createCandidate({ firstName: 'Zoë', lastName: 'Ørsted' });
    const job = [...sim.dataset.jobs.values()][0]!;
    sim.mutate.updateJob(job.key, { title: 'Principal Engineer' });

    const candidates = unwrap(
      await readStream(connector, 'candidates', 'INCREMENTAL', tokens['candidates']),
    );
    expect(
      recordsOf(candidates, 'candidate')
        .map((c) => c.remoteId)
        .sort(),
    ).toEqual([edited!, mover!, created].map((c) => sim.ids.get('candidate', c.key)).sort());
    const zoe = recordsOf(candidates, 'candidate').find((c) => c.firstName === 'Zoë');
    expect(zoe).toMatchObject({ fullName: 'Zoë Ørsted', lastName: 'Ørsted' });
    expect(candidates.completeState).toEqual({ syncToken: expect.stringMatching(/^st_/) });
    expect(candidates.completeState).not.toEqual(tokens['candidates']);

    const applications = unwrap(
      await readStream(connector, 'applications', 'INCREMENTAL', tokens['applications']),
    );
    const createdApps = sim.dataset.applicationsOf(created.key);
    expect(
      recordsOf(applications, 'application')
        .map((a) => a.remoteId)
        .sort(),
    ).toEqual([moved, ...createdApps].map((a) => sim.ids.get('application', a.key)).sort());
    const movedRecord = recordsOf(applications, 'application').find(
      (a) => a.remoteId === sim.ids.get('application', moved.key),
    );
    expect(movedRecord!.stageRemoteId).toBe(
      sim.ids.get('stage', sim.dataset.applications.get(moved.key)!.stageKey),
    );

    const jobs = unwrap(await readStream(connector, 'jobs', 'INCREMENTAL', tokens['jobs']));
    expect(recordsOf(jobs, 'job').map((j) => [j.remoteId, j.title])).toEqual([
      [sim.ids.get('job', job.key), 'Principal Engineer'],
    ]);

    // The new token sees nothing new.
    const again = unwrap(
      await readStream(connector, 'candidates', 'INCREMENTAL', candidates.completeState),
    );
    expect(again.records).toEqual([]);

    // A token from another list is invalid: resync.
    const foreign = await connector.fetchPage('candidates', {
      mode: 'INCREMENTAL',
      cursor: null,
      state: tokens['jobs']!,
    });
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'resync_required' } });

    // Too many changes since the token.
    sim.faults.setIncrementalPageLimit(0);
    sim.mutate.updateCandidate(edited!.key);
    const tooLarge = await connector.fetchPage('candidates', {
      mode: 'INCREMENTAL',
      cursor: null,
      state: again.completeState!,
    });
    expect(tooLarge).toMatchObject({
      ok: false,
      error: {
        kind: 'resync_required',
        message: expect.stringContaining('incremental_sync_too_large'),
      },
    });
    sim.faults.setIncrementalPageLimit(100);

    // Expired tokens.
    sim.faults.expireSyncTokens();
    const expired = await connector.fetchPage('applications', {
      mode: 'INCREMENTAL',
      cursor: null,
      state: applications.completeState!,
    });
    expect(expired).toMatchObject({
      ok: false,
      error: { kind: 'resync_required', message: expect.stringContaining('sync_token_expired') },
    });
    // A FULL run ignores the dead token and hands out a fresh one.
    const fresh = unwrap(
      await readStream(connector, 'applications', 'FULL', applications.completeState),
    );
    expect(fresh.completeState).toEqual({ syncToken: expect.stringMatching(/^st_/) });
  });
});

describe('AshbyConnector fetchCandidate and webhooks', () => {
  const secret = 'whsec_test_secret';
  let sim: AshbySimulator;
  let connector: AshbyConnector;

  beforeAll(async () => {
    sim = await startAshbySimulator({
      seed: 'ashby-webhooks',
      candidates: 30,
      webhookRetry: { maxAttempts: 1 },
    });
    connector = connectorFor(sim);
  });
  afterAll(() => sim.close());

  it('fetches a new candidate with their application and the records they point at', async () => {
    const job = [...sim.dataset.jobs.values()].find((j) => j.status === 'OPEN')!;
    const created = sim.mutate.createCandidate(
      { firstName: 'Siobhán', lastName: 'Ní Bhriain' },
      { jobKey: job.key },
    );
    const fetched = unwrap(await connector.fetchCandidate(sim.ids.get('candidate', created.key)!));
    expect(fetched).not.toBeNull();
    expect(withoutRaw(fetched!.candidate)).toEqual(expectedCandidate(sim, created));
    const [application] = sim.dataset.applicationsOf(created.key);
    expect(fetched!.applications.map(withoutRaw)).toEqual([expectedApplication(sim, application!)]);

    const related = new Set(fetched!.related.map((r) => `${r.kind}:${r.record.remoteId}`));
    expect(related).toContain(`job:${sim.ids.get('job', job.key)}`);
    expect(related).toContain(`stage:${sim.ids.get('stage', application!.stageKey)}`);
    if (application!.sourceKey)
      expect(related).toContain(`source:${sim.ids.get('source', application!.sourceKey)}`);
    if (created.recruiterKey)
      expect(related).toContain(`user:${sim.ids.get('user', created.recruiterKey)}`);
    const jobRecord = fetched!.related.find((r) => r.kind === 'job');
    expect(jobRecord?.record).toMatchObject({ title: job.title, status: 'OPEN' });
  });

  it('answers null for a deleted or unknown candidate', async () => {
    const victim = [...sim.dataset.candidates.values()][0]!;
    const id = sim.ids.get('candidate', victim.key)!;
    expect(unwrap(await connector.fetchCandidate(id))).not.toBeNull();
    sim.mutate.deleteCandidate(victim.key);
    expect(unwrap(await connector.fetchCandidate(id))).toBeNull();
    expect(unwrap(await connector.fetchCandidate(crypto.randomUUID()))).toBeNull();
  });

  describe('webhooks', () => {
    let received: ReceivedRequest[];
    let survivor: NeutralCandidate;
    let loser: NeutralCandidate;
    const asWebhook = (r: ReceivedRequest, rawBody: Buffer = r.rawBody): InboundWebhook => ({
      headers: r.headers,
      rawBody,
      url: r.path,
    });

    beforeAll(async () => {
      const receiver = await startWebhookReceiver();
      sim.webhooks.register({ url: receiver.url, secret });
      const candidates = [...sim.dataset.candidates.values()];
      const moved = candidates
        .flatMap((c) => sim.dataset.applicationsOf(c.key))
        .find((app) => app.jobKey !== null && app.status === 'ACTIVE')!;
      const others = candidates.filter((c) => c.key !== moved.candidateKey);
      [survivor, loser] = [others[0]!, others[1]!];
      sim.mutate.moveStage(moved.key);
      sim.mutate.deleteCandidate(others[2]!.key);
      sim.mutate.mergeCandidates(survivor.key, loser.key);
      sim.mutate.updateJob([...sim.dataset.jobs.values()][0]!.key);
      await sim.webhooks.flush();
      // A ping, as Ashby sends when a webhook is saved through the API.
      const response = await fetch(`${sim.url}/webhook.create`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sim.credentials.apiKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          webhookType: 'jobUpdate',
          requestUrl: receiver.url,
          secretToken: secret,
        }),
      });
      expect(response.status).toBe(200);
      await sim.webhooks.flush();
      received = [...receiver.received];
      await receiver.close();
    });

    it('accepts real signed deliveries and reads their events', () => {
      const verdicts = received.map((r) => connector.parseWebhook(asWebhook(r), secret));
      const events = verdicts.flatMap((v) => (v.ok && 'events' in v ? v.events : []));
      expect(verdicts.every((v) => v.ok)).toBe(true);
      const kinds = events.map((e) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'application_changed',
          'candidate_deleted',
          'candidate_merged',
          'job_changed',
          'ping',
        ]),
      );
      const stageChange = received.filter((r) =>
        ['candidateStageChange', 'applicationUpdate'].includes(
          (JSON.parse(r.rawBody.toString()) as { action: string }).action,
        ),
      );
      expect(stageChange.length).toBeGreaterThanOrEqual(2);
      const ids = stageChange.map((r) => {
        const verdict = connector.parseWebhook(asWebhook(r), secret);
        return verdict.ok && 'deliveryId' in verdict ? verdict.deliveryId : null;
      });
      // Related webhooks share the action id and differ by action.
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids.map((id) => id?.split(':')[0])).size).toBeLessThan(ids.length);
      const application = events.find((e) => e.kind === 'application_changed');
      expect(application).toMatchObject({
        applicationRemoteId: expect.any(String),
        candidateRemoteId: expect.any(String),
      });
      const merged = events.find((e) => e.kind === 'candidate_merged');
      expect(merged).toEqual({
        kind: 'candidate_merged',
        loserRemoteId: sim.ids.get('candidate', loser.key),
        survivorRemoteId: sim.ids.get('candidate', survivor.key),
      });
    });

    it('refuses forged, unsigned, tampered and unreadable deliveries', () => {
      const real = received[0]!;
      const forged = {
        ...real.headers,
        'ashby-signature': `sha256=${crypto.createHmac('sha256', 'wrong').update(real.rawBody).digest('hex')}`,
      };
      expect(connector.parseWebhook({ ...asWebhook(real), headers: forged }, secret).ok).toBe(
        false,
      );

      const { 'ashby-signature': _signature, ...unsigned } = real.headers;
      expect(connector.parseWebhook({ ...asWebhook(real), headers: unsigned }, secret)).toEqual({
        ok: false,
        reason: expect.stringContaining('missing'),
      });

      const tampered = Buffer.from(real.rawBody.toString().replace(/"[0-9a-f]{8}-/, '"00000000-'));
      expect(tampered.equals(real.rawBody)).toBe(false);
      expect(connector.parseWebhook(asWebhook(real, tampered), secret).ok).toBe(false);

      expect(connector.parseWebhook(asWebhook(real), 'other-secret').ok).toBe(false);

      const garbage = Buffer.from('{"action":');
      const signed = `sha256=${crypto.createHmac('sha256', secret).update(garbage).digest('hex')}`;
      expect(
        connector.parseWebhook(
          { headers: { 'ashby-signature': signed }, rawBody: garbage, url: '/' },
          secret,
        ),
      ).toEqual({ ok: false, reason: 'body is not JSON' });
    });
  });
});
