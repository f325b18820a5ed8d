import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseGreenhouseWebhook } from './greenhouse.webhooks';

const secret = 's3cret';
const deliver = (body: unknown, headers: Record<string, string> = {}) => {
  const rawBody = Buffer.from(JSON.stringify(body));
  const signature = `sha256 ${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
  return parseGreenhouseWebhook(
    {
      headers: { Signature: signature, 'Greenhouse-Event-ID': 'evt-1', ...headers },
      rawBody,
      url: '/',
    },
    secret,
  );
};

/** Greenhouse signs the body only: nothing signed dates a delivery. */
const signedBody = { digest: expect.any(Buffer) as unknown, acceptedUntil: null };

describe('Greenhouse webhooks', () => {
  it.each([
    [
      'delete_application',
      { application_id: 12 },
      { kind: 'application_deleted', applicationRemoteId: '12' },
    ],
    [
      'delete_application',
      { application: { id: '13' } },
      { kind: 'application_deleted', applicationRemoteId: '13' },
    ],
    [
      'job_post_updated',
      { job_post: { id: 1, job_id: 99 } },
      { kind: 'job_changed', jobRemoteId: '99' },
    ],
    ['job_deleted', { job: { id: 98 } }, { kind: 'job_changed', jobRemoteId: '98' }],
    [
      'unreject_candidate',
      { application: { id: 5, candidate: { id: 6 } } },
      { kind: 'application_changed', applicationRemoteId: '5', candidateRemoteId: '6' },
    ],
    [
      'candidate_anonymized',
      { candidate: { id: 4 } },
      { kind: 'candidate_changed', candidateRemoteId: '4' },
    ],
  ])('maps %s', (action, payload, event) => {
    expect(deliver({ action, payload })).toEqual({
      ok: true,
      events: [event],
      deliveryId: 'evt-1',
      signed: signedBody,
    });
  });

  it('accepts events it does not mirror, with nothing to do', () => {
    expect(deliver({ action: 'offer_created', payload: { offer: { id: 1 } } })).toEqual({
      ok: true,
      events: [],
      deliveryId: 'evt-1',
      signed: signedBody,
    });
  });

  it('refuses a merge without a survivor', () => {
    expect(deliver({ action: 'merge_candidate', payload: { person: { id: 1 } } })).toMatchObject({
      ok: false,
    });
  });

  it('reads headers whatever their case', () => {
    const rawBody = Buffer.from('{"action":"ping","payload":{}}');
    const signature = `sha256 ${createHmac('sha256', secret).update(rawBody).digest('hex').toUpperCase()}`;
    expect(
      parseGreenhouseWebhook({ headers: { SIGNATURE: [signature] }, rawBody, url: '/' }, secret),
    ).toEqual({ ok: true, events: [{ kind: 'ping' }], deliveryId: null, signed: signedBody });
  });

  it('gives a replay with another event id, or none, the digest of the same signed body', () => {
    const body = { action: 'update_candidate', payload: { candidate: { id: 4 } } };
    const digests = [
      deliver(body),
      deliver(body, { 'Greenhouse-Event-ID': 'evt-2' }),
      deliver(body, { 'Greenhouse-Event-ID': '' }),
    ].map((v) => (v.ok && 'signed' in v ? v.signed.digest.toString('hex') : null));
    expect(digests[0]).toBe(createHash('sha256').update(JSON.stringify(body)).digest('hex'));
    expect(new Set(digests).size).toBe(1);
  });
});
