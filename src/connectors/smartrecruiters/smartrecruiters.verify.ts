import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError, VerifyResult } from '../connector';
import type { SmartRecruitersClient } from './smartrecruiters.client';

/**
 * Credentials checked with real calls: one small read per API family the mirror needs (a 403
 * names the missing permission, and the check goes on), and the webhooks-api, which the
 * automatic webhooks need. A 401 or an unreachable API stops the check.
 */

const PROBES: ReadonlyArray<{ path: string; query?: Record<string, number> }> = [
  { path: '/candidates', query: { limit: 1 } },
  { path: '/jobs', query: { limit: 1 } },
  { path: '/configuration/rejection-reasons' },
  { path: '/user-api/v201804/users', query: { limit: 1 } },
  { path: '/webhooks-api/v201907/subscriptions', query: { limit: 1 } },
];

const meSchema = z.looseObject({
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});

export async function verifyCredentials(
  client: SmartRecruitersClient,
): Promise<Result<VerifyResult, ConnectorError>> {
  // The first call alone, so a bad credential fails once instead of five times at once.
  const [first, ...rest] = PROBES;
  const answers = [];
  if (first) {
    const answer = await client.get(first.path, first.query);
    if (!answer.ok && answer.error.kind !== 'permission') return answer;
    answers.push(answer);
  }
  answers.push(...(await Promise.all(rest.map((p) => client.get(p.path, p.query)))));
  const missing = new Set<string>();
  for (const answer of answers) {
    if (answer.ok) continue;
    if (answer.error.kind !== 'permission') return err(answer.error);
    for (const permission of answer.error.missing) missing.add(permission);
  }
  return ok({ account: await account(client), missingPermissions: [...missing].sort() });
}

/** "First Last <email>" of the key's or app's user, when SR says (`/users/me`); else null. */
async function account(client: SmartRecruitersClient): Promise<string | null> {
  const me = await client.get('/user-api/v201804/users/me');
  if (!me.ok) return null;
  const parsed = meSchema.safeParse(me.value.body);
  if (!parsed.success) return null;
  const name = [parsed.data.firstName, parsed.data.lastName].filter(Boolean).join(' ');
  const email = parsed.data.email ? `<${parsed.data.email}>` : '';
  return [name, email].filter(Boolean).join(' ') || null;
}
