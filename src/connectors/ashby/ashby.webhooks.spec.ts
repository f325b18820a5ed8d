import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAshbyWebhook } from './ashby.webhooks';

/** Actions the simulator does not send (job postings, offers) and malformed data. */
describe('Ashby webhooks', () => {
  const secret = 's3cret';
  const deliver = (body: unknown) => {
    const rawBody = Buffer.from(JSON.stringify(body));
    const signature = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
    return parseAshbyWebhook(
      { headers: { 'Ashby-Signature': signature }, rawBody, url: '/' },
      secret,
    );
  };

  it('reads job posting events as job changes and acknowledges others silently', () => {
    expect(
      deliver({
        webhookActionId: 'w1',
        action: 'jobPostingPublish',
        data: { jobPosting: { id: 'p', jobId: 'j1' } },
      }),
    ).toEqual({
      ok: true,
      events: [{ kind: 'job_changed', jobRemoteId: 'j1' }],
      deliveryId: 'w1:jobPostingPublish',
      signed: { digest: expect.any(Buffer) as unknown, acceptedUntil: null },
    });
    expect(deliver({ webhookActionId: 'w2', action: 'offerCreate', data: { offer: {} } })).toEqual({
      ok: true,
      events: [],
      deliveryId: 'w2:offerCreate',
      signed: { digest: expect.any(Buffer) as unknown, acceptedUntil: null },
    });
  });

  it('refuses a known action whose data is not what Ashby sends', () => {
    expect(deliver({ webhookActionId: 'w3', action: 'candidateDelete', data: {} })).toMatchObject({
      ok: false,
    });
    expect(deliver({ action: 'ping', data: {} })).toMatchObject({ ok: false });
  });
});
