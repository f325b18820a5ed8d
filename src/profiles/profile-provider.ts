import type { Identity, ProfileIdentity } from './match-rules';

/**
 * Where candidate profiles come from. The organization's directory (imported profiles) is the
 * default; a deployment can plug in another source (HttpProfileProvider asks a service) in
 * main.ts. A provider answers every profile that could be the same person as one of the
 * identities — by a hard identifier or the folded name — and the rules decide.
 */
export interface ProfileProvider {
  /**
   * True when every profile it can answer is already in the directory (an organization without
   * profiles then has nothing to match); false for a provider that asks elsewhere.
   */
  readonly fromDirectory: boolean;
  candidatesFor(
    organizationId: string,
    identities: readonly Identity[],
  ): Promise<ProfileIdentity[]>;
}
