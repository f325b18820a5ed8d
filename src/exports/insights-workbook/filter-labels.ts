import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { AtsUser, Connection, Job } from '../../entities';
import type { SearchFilter } from '../../search/search-types';
import type { FilterValueLabels } from './filter-lines';

const uuid = z.uuid();

/**
 * Names for the id filters of a request (job titles, recruiter and connection names), read
 * within the organization only: an id of another organization stays an unnamed id.
 */
export async function loadFilterLabels(
  manager: EntityManager,
  organizationId: string,
  filter: SearchFilter,
): Promise<FilterValueLabels> {
  // Unknown values are allowed in filters (they match nothing); only UUIDs can name a row.
  const ids = (values: string[] | undefined): string[] =>
    (values ?? []).filter((v) => uuid.safeParse(v).success);
  const jobIds = ids(filter.jobIds);
  const recruiterIds = ids(filter.recruiterIds);
  const connectionIds = ids(filter.connectionIds);
  const [jobs, recruiters, connections] = await Promise.all([
    jobIds.length > 0
      ? manager.find(Job, {
          where: { organizationId, id: In(jobIds) },
          select: { id: true, title: true },
        })
      : [],
    recruiterIds.length > 0
      ? manager.find(AtsUser, {
          where: { organizationId, id: In(recruiterIds) },
          select: { id: true, name: true },
        })
      : [],
    connectionIds.length > 0
      ? manager.find(Connection, {
          where: { organizationId, id: In(connectionIds) },
          select: { id: true, name: true },
        })
      : [],
  ]);
  return {
    jobIds: new Map(jobs.map((j) => [j.id, j.title])),
    recruiterIds: new Map(recruiters.map((u) => [u.id, u.name])),
    connectionIds: new Map(connections.map((c) => [c.id, c.name])),
  };
}
