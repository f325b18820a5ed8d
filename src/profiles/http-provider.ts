import { In, type DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import { Profile } from '../entities';
import type { Identity, ProfileIdentity } from './match-rules';
import { importProfileObjects } from './profile-import';
import { profileIdentity } from './profile-identity';
import type { ProfileProvider } from './profile-provider';

export interface HttpProviderOptions {
  /** The service's base URL; it answers `POST /profiles/lookup`. */
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token: string | null;
  timeoutMs: number;
}

/**
 * Asks a configured profile service for the profiles that could be these candidates (by
 * LinkedIn URL, GitHub URL, e-mail, or name + company), keeps what it answers in the
 * organization's directory (so a match points at a stored, explainable profile), and lets the
 * rules decide. The service is the deployment's own, named in config: a fixed address, not one
 * a caller chooses.
 *
 * Request: `{ linkedinUrls, githubUrls, emails, names: [{ name, companies }] }`.
 * Answer: `{ profiles: ProfileInput[] }` (API.md's ProfileInput; bad entries are skipped).
 */
export class HttpProfileProvider implements ProfileProvider {
  readonly fromDirectory = false;
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: HttpProviderOptions,
    private readonly logger: Logger,
  ) {}

  async candidatesFor(
    organizationId: string,
    identities: readonly Identity[],
  ): Promise<ProfileIdentity[]> {
    const set = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
    const body = {
      linkedinUrls: set(identities.map((i) => i.linkedinUrl)),
      githubUrls: set(identities.map((i) => i.githubUrl)),
      emails: set(identities.flatMap((i) => i.emails)),
      names: identities
        .filter((i) => i.nameKey)
        .map((i) => ({ name: i.nameKey, companies: i.employers.map((e) => e.name) })),
    };
    const response = await fetch(`${this.options.url.replace(/\/$/, '')}/profiles/lookup`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) {
      // Thrown: the job that asked is retried later; matching never guesses from nothing.
      throw new Error(`profile service answered ${response.status}`);
    }
    const answer = (await response.json()) as { profiles?: unknown };
    const profiles = Array.isArray(answer.profiles) ? answer.profiles : [];
    if (profiles.length === 0) return [];
    const { result } = await importProfileObjects(this.dataSource, organizationId, profiles);
    if (result.rejected.length > 0) {
      this.logger.warn(
        { organizationId, rejected: result.rejected.length },
        'profile service answered profiles that were not valid',
      );
    }
    const externalIds = profiles
      .map((p) => (p as { externalId?: unknown }).externalId)
      .filter((id): id is string => typeof id === 'string');
    const rows = await this.dataSource
      .getRepository(Profile)
      .findBy({ organizationId, externalId: In(externalIds) });
    return rows.map(profileIdentity);
  }
}
