import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Tenant } from '../common/tenant';
import { ApiKey, Organization, User } from '../entities';

const KEY_PREFIX = 'rdk_';

/** A new random key: `rdk_` + 43 url-safe characters (256 bits). */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are high-entropy random strings, so a plain SHA-256 is enough to store them safely. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface IssuedKey {
  key: string;
  organization: Organization;
  user: User;
}

/** Makes a key for the user `email` of organization `organizationName`, creating either if new. */
export async function issueApiKey(
  manager: EntityManager,
  organizationName: string,
  email: string,
): Promise<IssuedKey> {
  return manager.transaction(async (tx) => {
    await tx.query('INSERT INTO organizations (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [
      organizationName,
    ]);
    const organization = await tx.findOneByOrFail(Organization, { name: organizationName });
    const normalizedEmail = email.trim().toLowerCase();
    await tx.query(
      'INSERT INTO users (organization_id, email) VALUES ($1, $2) ON CONFLICT (organization_id, email) DO NOTHING',
      [organization.id, normalizedEmail],
    );
    const user = await tx.findOneByOrFail(User, {
      organizationId: organization.id,
      email: normalizedEmail,
    });
    const key = generateApiKey();
    await tx.insert(ApiKey, {
      organizationId: organization.id,
      userId: user.id,
      prefix: key.slice(0, 12),
      hash: hashApiKey(key),
      lastUsedAt: null,
      revokedAt: null,
    });
    return { key, organization, user };
  });
}

// Any fixed number shared by every process of the app; serializes first-start bootstraps.
const BOOTSTRAP_LOCK_KEY = 7_262_519_002;

/**
 * On an empty database, creates the first organization, user and key and returns the key
 * (to be printed once). Returns null when any organization already exists.
 */
export async function bootstrapFirstKey(
  dataSource: DataSource,
  organizationName: string,
  email: string,
): Promise<IssuedKey | null> {
  return dataSource.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
    const existing = await tx.count(Organization);
    if (existing > 0) return null;
    return issueApiKey(tx, organizationName, email);
  });
}

/** How often a key's `lastUsedAt` is refreshed: not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The tenant a bearer key belongs to, or null when the key is unknown or revoked. */
export async function authenticateApiKey(
  dataSource: DataSource,
  key: string,
): Promise<Tenant | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const apiKey = await dataSource.getRepository(ApiKey).findOne({
    where: { hash: hashApiKey(key) },
    relations: { user: true },
  });
  if (!apiKey || apiKey.revokedAt || !apiKey.user) return null;
  const now = Date.now();
  if (!apiKey.lastUsedAt || now - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Fire and forget: bookkeeping must not slow down or fail the request.
    dataSource
      .getRepository(ApiKey)
      .update({ id: apiKey.id }, { lastUsedAt: new Date(now) })
      .catch(() => undefined);
  }
  return {
    organizationId: apiKey.organizationId,
    userId: apiKey.userId,
    userEmail: apiKey.user.email,
    apiKeyId: apiKey.id,
  };
}

/** `Authorization: Bearer <key>` → the key, else null. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
