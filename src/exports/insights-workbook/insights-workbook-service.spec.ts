import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/config';
import type { Tenant } from '../../common/tenant';
import {
  InsightsWorkbookService,
  type InsightsWorkbookInput,
  type InsightsWorkbookOptions,
} from './insights-workbook-service';
import { decodeWorkbookLink } from './workbook-link';

const tenant: Tenant = {
  organizationId: '11111111-1111-4111-8111-111111111111',
  userId: '22222222-2222-4222-8222-222222222222',
  userEmail: 'a@example.com',
  apiKeyId: '33333333-3333-4333-8333-333333333333',
};
const now = new Date('2026-03-01T12:00:00.400Z');
const linkKey = randomBytes(32);

/** createLink needs no database nor engine: they are only reached when a link is followed. */
function service(linkTtlSeconds: number): InsightsWorkbookService {
  return new InsightsWorkbookService({
    linkKey,
    linkTtlSeconds,
    publicUrl: 'https://talent.example.com/rediscover',
    clock: () => now,
  } as Partial<InsightsWorkbookOptions> as InsightsWorkbookOptions);
}

describe('InsightsWorkbookService.createLink', () => {
  it('signs the request into a PUBLIC_URL link that lives WORKBOOK_LINK_TTL_SECONDS', () => {
    const file = service(60).createLink(tenant, {
      query: 'python',
      filter: { skills: ['python'] },
      dimensions: ['SKILL', 'LOCATION', 'SKILL'],
      size: 5,
    });
    expect(file.dimensions).toEqual(['SKILL', 'LOCATION']);
    expect(file.expiresAt).toEqual(new Date('2026-03-01T12:01:00Z'));
    const url = new URL(file.url);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://talent.example.com/rediscover/exports/insights-workbook',
    );
    const decoded = decodeWorkbookLink(url.searchParams.get('token')!, linkKey, now);
    expect(decoded).toEqual({
      ok: true,
      value: {
        organizationId: tenant.organizationId,
        apiKeyId: tenant.apiKeyId,
        query: 'python',
        filter: { skills: ['python'] },
        dimensions: ['SKILL', 'LOCATION'],
        size: 5,
        expiresAt: file.expiresAt,
      },
    });
  });

  it('refuses what insights refuses, naming the field', () => {
    const base: InsightsWorkbookInput = {
      query: null,
      filter: {},
      dimensions: ['SKILL'],
      size: 20,
    };
    const cases: [Partial<InsightsWorkbookInput>, string][] = [
      [{ dimensions: [] }, 'dimensions'],
      [{ size: 0 }, 'size'],
      [{ size: 2.5 }, 'size'],
      [{ query: '(python' }, 'query'],
    ];
    for (const [change, field] of cases) {
      expect(() => service(900).createLink(tenant, { ...base, ...change })).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          details: expect.objectContaining({ field }),
        }),
      );
    }
  });

  it('reads WORKBOOK_LINK_TTL_SECONDS: 900 by default, a positive number of seconds up to 7 days', () => {
    expect(loadConfig({}).workbooks.linkTtlSeconds).toBe(900);
    expect(loadConfig({ WORKBOOK_LINK_TTL_SECONDS: '60' }).workbooks.linkTtlSeconds).toBe(60);
    for (const bad of ['0', '-1', 'soon', String(7 * 86_400 + 1)])
      expect(() => loadConfig({ WORKBOOK_LINK_TTL_SECONDS: bad })).toThrow(ConfigError);
  });
});
