import type { DataSource } from 'typeorm';
import { Profile } from '../entities';
import type { Identity, ProfileIdentity } from './match-rules';
import { profileIdentity } from './profile-identity';
import type { ProfileProvider } from './profile-provider';

/** The organization's imported profile directory: one indexed query for a whole batch. */
export class DirectoryProfileProvider implements ProfileProvider {
  readonly fromDirectory = true;
  constructor(private readonly dataSource: DataSource) {}

  async candidatesFor(
    organizationId: string,
    identities: readonly Identity[],
  ): Promise<ProfileIdentity[]> {
    const set = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
    const linkedins = set(identities.map((i) => i.linkedinUrl));
    const githubs = set(identities.map((i) => i.githubUrl));
    const emails = set(identities.flatMap((i) => i.emails));
    const names = set(identities.map((i) => i.nameKey));
    if (linkedins.length + githubs.length + emails.length + names.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(Profile)
      .createQueryBuilder('p')
      .where('p.organization_id = :org', { org: organizationId })
      .andWhere(
        `(p.linkedin_url = ANY(:linkedins) OR p.github_url = ANY(:githubs)
          OR p.emails && (:emails)::varchar[] OR p.name_key = ANY(:names))`,
        { linkedins, githubs, emails, names },
      )
      .getMany();
    return rows.map(profileIdentity);
  }
}
