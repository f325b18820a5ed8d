/**
 * SourceWhale's public API (export side): campaigns, projects, candidate add / modify / search,
 * Zapier-style hook subscriptions. No pagination anywhere. Response shapes marked UNCONFIRMED
 * are not in the published spec.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { json, parseJsonBody, type SimRequest, type SimResponse } from '../common/http-server';
import type { RouteSpec } from '../common/request-pipeline';
import type { SourceWhaleHooks } from './sourcewhale-hooks';
import { displayName, type SourceWhaleCandidate, type SourceWhaleStore } from './sourcewhale-store';

export type SourceWhaleRoute = RouteSpec<{ keyId: string }>;

const error = (status: number, message: string): SimResponse => json(status, { message });

const candidateSchema = z
  .looseObject({
    name: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    emails: z.array(z.string()).optional(),
    phones: z.array(z.string()).optional(),
    socialLinks: z.array(z.string()).optional(),
  })
  .refine((c) => Boolean(c.name ?? c.firstName ?? c.lastName), {
    message: 'a candidate needs name, firstName or lastName',
  });

const addSchema = z.object({
  candidates: z.array(candidateSchema).min(1),
  campaignId: z.string().optional(),
  projectIds: z.array(z.string()).optional(),
  sendImmediately: z.boolean().optional(),
});

/** The search result shape from the spec; createdAt in epoch seconds. */
export function candidateView(c: SourceWhaleCandidate): Record<string, unknown> {
  const seconds = (ms: number | null): number | null =>
    ms === null ? null : Math.floor(ms / 1000);
  return {
    candidateId: c.candidateId,
    name: displayName(c.fields),
    role: c.fields['role'] ?? null,
    company: c.fields['company'] ?? null,
    location: c.fields['location'] ?? null,
    emails: c.emails,
    socialLinks: c.socialLinks,
    projectIds: c.projectIds,
    stage: c.stage,
    status: c.status,
    opens: c.opens,
    clicks: c.clicks,
    createdAt: seconds(c.createdAt),
    lastContacted: seconds(c.lastContacted),
    lastActivity: seconds(c.lastActivity),
  };
}

function body<S extends z.ZodType>(req: SimRequest, schema: S): z.infer<S> | SimResponse {
  const raw = parseJsonBody(req);
  if (raw instanceof SyntaxError) return error(400, `Malformed JSON: ${raw.message}`);
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return error(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

const isResponse = (value: unknown): value is SimResponse =>
  typeof value === 'object' &&
  value !== null &&
  'status' in value &&
  typeof value.status === 'number';

export function sourceWhaleRoutes(
  store: SourceWhaleStore,
  hooks: SourceWhaleHooks,
  /** `faults.malformCandidate` for a candidateId (or a seeded candidate's neutral key). */
  isMalformed: (candidate: SourceWhaleCandidate) => boolean,
): Record<string, SourceWhaleRoute> {
  const view = (c: SourceWhaleCandidate): Record<string, unknown> => {
    if (!isMalformed(c)) return candidateView(c);
    const { candidateId: _id, ...rest } = candidateView(c);
    return { ...rest, emails: 'broken', createdAt: 'yesterday' };
  };
  const knownUser = (req: SimRequest): string | null | SimResponse => {
    const email = req.query.get('userEmail');
    if (!email) return null;
    return store.users.some((u) => u.email.toLowerCase() === email.toLowerCase())
      ? email
      : error(404, `No user ${email}`);
  };

  return {
    'GET /v1/campaigns/list': {
      handle: ({ req }) => {
        const user = knownUser(req);
        if (isResponse(user)) return user;
        // Without includeMetrics only id and name are sent (UNCONFIRMED).
        const metrics = req.query.get('includeMetrics') === 'true';
        const campaigns = store.campaigns
          .filter((c) => !user || c.ownerEmail.toLowerCase() === user.toLowerCase())
          .map(({ ownerEmail: _owner, ...c }) =>
            metrics ? c : { campaignId: c.campaignId, campaignName: c.campaignName },
          );
        return json(200, { campaigns });
      },
    },

    'GET /v1/projects/list': { handle: () => json(200, { projects: store.projects }) },

    // Response shape UNCONFIRMED: one entry per input candidate, saying what happened.
    'POST /v1/candidates/add': {
      handle: ({ req }) => {
        const user = knownUser(req);
        if (isResponse(user)) return user;
        const input = body(req, addSchema);
        if (isResponse(input)) return input;
        if (input.campaignId && !store.campaigns.some((c) => c.campaignId === input.campaignId)) {
          return error(404, `No campaign ${input.campaignId}`);
        }
        const unknownProject = input.projectIds?.find(
          (id) => !store.projects.some((p) => p.projectId === id),
        );
        if (unknownProject) return error(404, `No project ${unknownProject}`);
        const results = input.candidates.map((fields) => {
          const { candidate, created } = store.add(fields, {
            campaignId: input.campaignId,
            projectIds: input.projectIds,
            ownerEmail: user,
          });
          hooks.fire(created ? 'candidate_added' : 'candidate_updated', candidateView(candidate));
          return { candidateId: candidate.candidateId, action: created ? 'created' : 'updated' };
        });
        return json(200, { candidates: results });
      },
    },

    'POST /v1/candidates/modify': {
      handle: ({ req }) => {
        const input = body(
          req,
          z.object({ candidate: z.looseObject({ candidateId: z.string() }) }),
        );
        if (isResponse(input)) return input;
        const { candidateId, ...fields } = input.candidate;
        const candidate = store.modify(candidateId, fields);
        if (!candidate) return error(404, `No candidate ${candidateId}`);
        hooks.fire('candidate_updated', candidateView(candidate));
        return json(200, { candidate: view(candidate) });
      },
    },

    'GET /v1/candidates/search': {
      handle: ({ req }) => {
        const key = req.query.get('key');
        const value = req.query.get('value');
        if (key !== 'socialLink' && key !== 'photo' && key !== 'email' && key !== 'phone') {
          return error(400, 'key must be one of socialLink, photo, email, phone');
        }
        if (!value) return error(400, 'value is required');
        return json(200, { candidates: store.search(key, value).map(view) });
      },
    },

    'POST /v1/zapier/subscribe': {
      handle: ({ req }) => {
        const input = body(req, z.object({ url: z.url(), subscriptionType: z.string().min(1) }));
        if (isResponse(input)) return input;
        return json(200, { id: hooks.subscribe(input.url, input.subscriptionType, randomUUID()) });
      },
    },

    'POST /v1/zapier/unsubscribe': {
      handle: ({ req }) => {
        const input = body(req, z.object({ subscriptionId: z.string() }));
        if (isResponse(input)) return input;
        return hooks.unsubscribe(input.subscriptionId)
          ? json(200, { success: true })
          : error(404, 'No such subscription');
      },
    },
  };
}
