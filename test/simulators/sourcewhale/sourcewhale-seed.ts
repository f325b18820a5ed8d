/** A SourceWhale workspace seeded from the generator: team, campaigns, projects, prospects. */
import { generateCandidate, generateReference, Rng, type NeutralCandidate } from '../generator';
import type { SourceWhaleStore } from './sourcewhale-store';

const CAMPAIGNS = [
  'Senior Backend Engineers — Berlin',
  'Staff Engineers — Remote EU',
  'Data Scientists — London',
  'Product Designers — Lisboa',
  'Enterprise AEs — New York',
  'Silver Medalists Re-engagement',
];
const PROJECTS = [
  'Platform Team 2026',
  'Data Hiring Q1',
  'Design Leadership',
  'Diversity Pipeline',
  'Boomerangs',
];

export function seedWorkspace(
  store: SourceWhaleStore,
  seed: string,
  now: number,
  candidates: number,
): Map<string, string> {
  const reference = generateReference({ seed, now, jobs: 0 });
  const rng = Rng.fromSeed(seed, 'sourcewhale');
  for (const u of reference.users.filter((u) => u.enabled))
    store.users.push({ email: u.email, name: `${u.firstName} ${u.lastName}` });
  CAMPAIGNS.forEach((campaignName, i) => {
    const sourced = rng.int(20, 400);
    store.campaigns.push({
      campaignId: `cmp_${String(i + 1).padStart(4, '0')}`,
      campaignName,
      ownerEmail: rng.pick(store.users).email,
      sourced,
      sent: Math.floor(sourced * 0.9),
      openedProp: round(rng.next() * 0.8),
      repliedProp: round(rng.next() * 0.3),
      interestedProp: round(rng.next() * 0.15),
      bookedProp: round(rng.next() * 0.08),
    });
  });
  PROJECTS.forEach((projectName, i) =>
    store.projects.push({ projectId: `prj_${String(i + 1).padStart(4, '0')}`, projectName }),
  );

  // Prospects already in SourceWhale, so exports can hit duplicates.
  const ids = new Map<string, string>();
  for (let i = 0; i < candidates; i++) {
    const { candidate } = generateCandidate(seed, i, reference);
    const { candidate: stored } = store.add(fieldsOf(candidate), {
      projectIds: rng.sample(store.projects, rng.int(0, 2)).map((p) => p.projectId),
      campaignId: rng.chance(0.5) ? rng.pick(store.campaigns).campaignId : undefined,
      ownerEmail: rng.pick(store.users).email,
    });
    stored.neutralKey = candidate.key;
    stored.createdAt = candidate.createdAt;
    ids.set(candidate.key, stored.candidateId);
  }
  return ids;
}

/** How an exporter would send a neutral candidate. */
export function fieldsOf(
  c: NeutralCandidate,
): Record<string, unknown> & { emails: string[]; socialLinks: string[] } {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    emails: c.emails.map((e) => e.value),
    phones: c.phones.map((p) => p.value),
    socialLinks: [c.linkedinUrl, c.githubUrl].filter((l): l is string => l !== null),
    company: c.currentCompany,
    role: c.currentTitle,
    location: c.place ? `${c.place.city}, ${c.place.country}` : undefined,
    city: c.place?.city,
    country: c.place?.country,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
