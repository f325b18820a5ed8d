/**
 * What a destination simulator holds after an export, read from its own store (not through its
 * API): every person, whether a call created them, their e-mails, and their placement.
 */
import type { AshbySimulator } from '../../test/simulators/ashby/ashby-simulator';
import type { SourceWhaleSimulator } from '../../test/simulators/sourcewhale/sourcewhale-simulator';
import type { AuditRecord, DestinationAudit } from './export-simulator-protocol';

export function auditSourceWhale(sim: SourceWhaleSimulator, campaignId: string): DestinationAudit {
  const records: AuditRecord[] = [];
  for (const c of sim.dataset.candidates.values()) {
    records.push({
      remoteId: c.candidateId,
      // Seeded prospects carry the neutral key they were generated from.
      createdByApi: c.neutralKey === null,
      emails: c.emails,
      placements: c.campaignIds.includes(campaignId) ? 1 : 0,
    });
  }
  return { records };
}

export function auditAshby(
  sim: AshbySimulator,
  seeded: ReadonlySet<string>,
  jobId: string,
): DestinationAudit {
  const jobKey = sim.ids.keyOf('job', jobId);
  const records: AuditRecord[] = [];
  for (const c of sim.dataset.candidates.values()) {
    records.push({
      remoteId: sim.ids.get('candidate', c.key) ?? c.key,
      createdByApi: !seeded.has(c.key),
      emails: c.emails.map((e) => e.value),
      placements: sim.dataset.applicationsOf(c.key).filter((a) => a.jobKey === jobKey).length,
    });
  }
  return { records };
}
