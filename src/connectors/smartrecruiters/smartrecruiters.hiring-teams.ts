import { z } from 'zod';
import { ok, type Result } from '../../common/result';
import type { SmartRecruitersClient } from './smartrecruiters.client';
import type { SrError } from './smartrecruiters.errors';
import { srHiringTeamMemberSchema } from './smartrecruiters.schemas';

/**
 * The recruiter of each job, from `GET /jobs/{id}/hiring-team` (SR has no recruiter on a
 * candidate or application, §3.5). One call per distinct job, cached for the connector's life
 * (one sync run), concurrent askers sharing a call: a job has hundreds of applicants, so this
 * costs about one request per job, not per application. Without the permission, or for a job
 * that is gone, the recruiter is simply unknown.
 */

const teamSchema = z.looseObject({ content: z.array(z.unknown()) });

export class HiringTeams {
  private readonly recruiters = new Map<string, Promise<Result<string | null, SrError>>>();
  private forbidden = false;

  constructor(private readonly client: SmartRecruitersClient) {}

  /** Job id → recruiter user id (null when unknown) for every job asked for. */
  async recruitersOf(
    jobIds: Iterable<string>,
  ): Promise<Result<Map<string, string | null>, SrError>> {
    const ids = [...new Set(jobIds)];
    const answers = await Promise.all(ids.map((id) => this.recruiterOf(id)));
    const out = new Map<string, string | null>();
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) return answer;
      out.set(ids[i] ?? '', answer.value);
    }
    return ok(out);
  }

  private recruiterOf(jobId: string): Promise<Result<string | null, SrError>> {
    let pending = this.recruiters.get(jobId);
    if (!pending) {
      pending = this.load(jobId).then((answer) => {
        // A failed call is not remembered: the next page asks again.
        if (!answer.ok) this.recruiters.delete(jobId);
        return answer;
      });
      this.recruiters.set(jobId, pending);
    }
    return pending;
  }

  private async load(jobId: string): Promise<Result<string | null, SrError>> {
    if (this.forbidden) return ok(null);
    const answer = await this.client.get(`/jobs/${encodeURIComponent(jobId)}/hiring-team`);
    if (!answer.ok) {
      if (answer.error.kind === 'permission') this.forbidden = true;
      if (answer.error.kind === 'permission' || answer.error.kind === 'not_found') return ok(null);
      return answer;
    }
    const team = teamSchema.safeParse(answer.value.body);
    if (!team.success) return ok(null);
    const members = team.data.content.flatMap((m) => {
      const parsed = srHiringTeamMemberSchema.safeParse(m);
      return parsed.success ? [parsed.data] : [];
    });
    const recruiter = members.find((m) => m.role?.toUpperCase() === 'RECRUITER');
    return ok(recruiter?.id ?? null);
  }
}
