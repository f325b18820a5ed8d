import type { Identity, ProfileIdentity } from './match-rules';

/**
 * The profiles fetched for one batch of candidates, indexed by every key a rule compares
 * (LinkedIn URL, GitHub URL, e-mail, folded name). A profile that shares none of them with a
 * candidate fits no rule for it, so each candidate is decided against the few profiles that do
 * instead of the whole batch's (thousands, when common names have many namesakes).
 */
export class ProfilePool {
  private readonly byKey = new Map<string, ProfileIdentity[]>();
  private readonly byId = new Map<string, ProfileIdentity>();

  constructor(profiles: readonly ProfileIdentity[]) {
    for (const profile of profiles) {
      if (this.byId.has(profile.id)) continue;
      this.byId.set(profile.id, profile);
      for (const key of keysOf(profile)) {
        const list = this.byKey.get(key);
        if (list) list.push(profile);
        else this.byKey.set(key, [profile]);
      }
    }
  }

  get(id: string): ProfileIdentity | undefined {
    return this.byId.get(id);
  }

  /** Every profile sharing at least one key with the identity, each once. */
  relatedTo(identity: Identity): ProfileIdentity[] {
    const found = new Map<string, ProfileIdentity>();
    for (const key of keysOf(identity)) {
      for (const profile of this.byKey.get(key) ?? []) found.set(profile.id, profile);
    }
    return [...found.values()];
  }
}

function keysOf(identity: Identity): string[] {
  const keys: string[] = [];
  if (identity.linkedinUrl) keys.push(`linkedin ${identity.linkedinUrl}`);
  if (identity.githubUrl) keys.push(`github ${identity.githubUrl}`);
  for (const email of identity.emails) keys.push(`email ${email}`);
  if (identity.nameKey) keys.push(`name ${identity.nameKey}`);
  return keys;
}
