import type { EntityManager } from 'typeorm';
import type { ExportPerson } from '../connectors/destination';
import type { ExportPeopleLoader } from '../exports/export-runner';
import { loadCandidateInputs } from '../indexer/candidate-inputs';
import { enrichCandidate } from '../indexer/enrich-candidate';
import type { EnrichedCandidate } from '../indexer/enriched-candidate';

/** `2021-03-15`, `2021-03`, `2021` → `2021-03` / `2021-01`: exports send month-precise dates. */
export function toMonth(date: string | null | undefined): string | null {
  if (!date) return null;
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date.trim());
  if (!match) return null;
  return `${match[1]}-${match[2] ?? '01'}`;
}

/** A candidate as Rediscover knows them (ATS data + matched profile), reduced to the export fields. */
export function toExportPerson(candidate: EnrichedCandidate): ExportPerson {
  const location = candidate.location;
  return {
    candidateId: candidate.id,
    name: candidate.fullName,
    firstName: candidate.firstName,
    lastName: candidate.lastName,
    emails: candidate.emails,
    phones: candidate.phones,
    source: candidate.source,
    location: location
      ? {
          text: location.text ?? null,
          city: location.city ?? null,
          region: location.region ?? null,
          country: location.country ?? null,
        }
      : null,
    linkedinUrl: candidate.linkedinUrl,
    githubUrl: candidate.githubUrl,
    socialLinks: candidate.socialLinks
      .filter((l) => l.type !== 'LINKEDIN' && l.type !== 'GITHUB')
      .map((l) => ({ network: l.type.toLowerCase(), url: l.url })),
    currentTitle: candidate.currentTitle,
    currentCompany: candidate.currentCompany,
    experience: candidate.workHistory.map((w) => ({
      title: w.title ?? null,
      company: w.company ?? null,
      startDate: toMonth(w.startDate),
      endDate: toMonth(w.endDate),
      current: w.current ?? !w.endDate,
    })),
    education: candidate.education.map((e) => ({
      school: e.school ?? null,
      degree: e.degree ?? null,
      major: e.major ?? null,
      startDate: toMonth(e.startDate),
      endDate: toMonth(e.endDate),
    })),
  };
}

/** The loader exports use: the indexer's batch loading and enrichment, then the export view. */
export function exportPeopleLoader(manager: EntityManager): ExportPeopleLoader {
  return async (organizationId, candidateIds) => {
    const inputs = await loadCandidateInputs(manager, organizationId, candidateIds);
    const now = new Date();
    const people = new Map<string, ExportPerson>();
    for (const [id, input] of inputs) {
      if (input.candidate.deletedAt || input.candidate.mergedIntoId) continue;
      people.set(id, toExportPerson(enrichCandidate(input, now)));
    }
    return people;
  };
}
