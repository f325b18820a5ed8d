/** `candidate.*`, `candidateTag.*` and `file.info`, plus the pre-signed file downloads. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fileResponse, findAttachment, renderAttachment } from '../common/attachment-files';
import type { CandidatePatch } from '../common/dataset-mutator';
import { decodeOpaque } from '../common/opaque-token';
import type { NeutralCandidate, NeutralEmail } from '../generator';
import { ashbyFailure, ashbySuccess } from './ashby-envelope';
import { paginateList, paginationFields, StaticList } from './ashby-pagination';
import { rpc, type AshbyContext, type AshbyRoute } from './ashby-rpc';

const MAX_SEARCH_RESULTS = 100;

const locationInput = z.object({
  city: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional(),
});

const createSchema = z.object({
  name: z.string().min(1),
  email: z.string().optional(),
  phoneNumber: z.string().optional(),
  linkedInUrl: z.string().optional(),
  githubUrl: z.string().optional(),
  website: z.string().optional(),
  alternateEmailAddresses: z.array(z.string()).optional(),
  sourceId: z.string().optional(),
  creditedToUserId: z.string().optional(),
  location: locationInput.optional(),
  createdAt: z.string().optional(),
});

const updateSchema = z.object({
  candidateId: z.string(),
  name: z.string().min(1).optional(),
  email: z.string().optional(),
  phoneNumber: z.string().optional(),
  linkedInUrl: z.string().optional(),
  githubUrl: z.string().optional(),
  websiteUrl: z.string().optional(),
  alternateEmail: z.string().optional(),
  socialLinks: z.array(z.object({ type: z.string(), url: z.string() })).optional(),
  sourceId: z.string().optional(),
  creditedToUserId: z.string().optional(),
  location: locationInput.optional(),
  sendNotifications: z.boolean().optional(),
});

const noteSchema = z.object({
  candidateId: z.string(),
  note: z.union([
    z.string(),
    z.object({ type: z.enum(['text/plain', 'text/html']), value: z.string() }),
  ]),
  sendNotifications: z.boolean().optional(),
  isPrivate: z.boolean().optional(),
  createdAt: z.string().optional(),
});

const fileHandlePayload = z.object({ c: z.string(), a: z.string() });

function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

function placeFrom(location: z.infer<typeof locationInput> | undefined): CandidatePatch['place'] {
  if (!location) return undefined;
  return {
    city: location.city ?? '',
    region: location.region ?? '',
    country: location.country ?? '',
    countryCode: '',
    timezone: '',
  };
}

export function candidateRoutes(ctx: AshbyContext): Record<string, AshbyRoute> {
  const { dataset, ids, serializer, mutator } = ctx;
  const candidateById = (id: string): NeutralCandidate | undefined => {
    const key = ids.keyOf('candidate', id);
    return key ? dataset.candidates.get(key) : undefined;
  };
  const notFound = (): ReturnType<typeof ashbyFailure> =>
    ashbyFailure('candidate_not_found', 'Candidate not found.');
  const allTags = (): string[] => [...dataset.reference.tags, ...ctx.extraTags];
  const userKey = (id: string | undefined): string | null =>
    id ? (ids.keyOf('user', id) ?? null) : null;
  const sourceKey = (id: string | undefined): string | null =>
    id ? (ids.keyOf('source', id) ?? null) : null;

  return {
    'candidate.list': rpc('candidatesRead', z.object(paginationFields), (body) =>
      paginateList('candidate.list', dataset.candidates, body, ctx.listSettings, (c) =>
        serializer.candidate(c),
      ),
    ),

    'candidate.info': rpc(
      'candidatesRead',
      z.object({ id: z.string().optional(), externalMappingId: z.string().optional() }),
      (body) => {
        if (!body.id && !body.externalMappingId)
          return ashbyFailure('invalid_input', 'Give id or externalMappingId.');
        const candidate = body.id ? candidateById(body.id) : undefined;
        return candidate ? ashbySuccess(serializer.candidate(candidate)) : notFound();
      },
    ),

    'candidate.search': rpc(
      'candidatesRead',
      z.object({ email: z.string().optional(), name: z.string().optional() }),
      (body) => {
        if (!body.email && !body.name)
          return ashbyFailure('invalid_input', 'Give email and/or name.');
        const email = body.email?.trim().toLowerCase();
        const name = body.name?.trim().toLowerCase();
        const found: unknown[] = [];
        for (const c of dataset.candidates.values()) {
          if (email && !c.emails.some((e) => e.value.toLowerCase() === email)) continue;
          if (name && !`${c.firstName} ${c.lastName}`.toLowerCase().includes(name)) continue;
          found.push(serializer.candidate(c));
          if (found.length >= MAX_SEARCH_RESULTS) break;
        }
        return ashbySuccess(found);
      },
    ),

    'candidate.create': rpc('candidatesWrite', createSchema, (body) => {
      const emails: NeutralEmail[] = [body.email, ...(body.alternateEmailAddresses ?? [])]
        .filter((e): e is string => Boolean(e))
        .map((value) => ({ value, type: 'PERSONAL' }));
      const candidate = mutator.insertCandidate({
        ...splitName(body.name),
        emails,
        phones: body.phoneNumber ? [{ value: body.phoneNumber, type: 'MOBILE' }] : [],
        linkedinUrl: body.linkedInUrl ?? null,
        githubUrl: body.githubUrl ?? null,
        websiteUrl: body.website ?? null,
        place: placeFrom(body.location) ?? null,
        sourceKey: sourceKey(body.sourceId),
        recruiterKey: userKey(body.creditedToUserId),
      });
      return ashbySuccess(serializer.candidate(candidate));
    }),

    'candidate.update': rpc('candidatesWrite', updateSchema, (body) => {
      const current = candidateById(body.candidateId);
      if (!current) return notFound();
      const patch: CandidatePatch = {};
      if (body.name) Object.assign(patch, splitName(body.name));
      if (body.email)
        patch.emails = [{ value: body.email, type: 'PERSONAL' }, ...current.emails.slice(1)];
      if (body.alternateEmail)
        patch.emails = [
          ...(patch.emails ?? current.emails),
          { value: body.alternateEmail, type: 'PERSONAL' },
        ];
      if (body.phoneNumber)
        patch.phones = [{ value: body.phoneNumber, type: 'MOBILE' }, ...current.phones.slice(1)];
      if (body.socialLinks) {
        // socialLinks replaces the whole list.
        const byType = (type: string): string | null =>
          body.socialLinks?.find((l) => l.type === type)?.url ?? null;
        Object.assign(patch, {
          linkedinUrl: byType('LinkedIn'),
          githubUrl: byType('GitHub'),
          websiteUrl: byType('Website'),
        });
      }
      if (body.linkedInUrl) patch.linkedinUrl = body.linkedInUrl;
      if (body.githubUrl) patch.githubUrl = body.githubUrl;
      if (body.websiteUrl) patch.websiteUrl = body.websiteUrl;
      if (body.sourceId) patch.sourceKey = sourceKey(body.sourceId);
      if (body.creditedToUserId) patch.recruiterKey = userKey(body.creditedToUserId);
      if (body.location) patch.place = placeFrom(body.location) ?? null;
      return ashbySuccess(serializer.candidate(mutator.updateCandidate(current.key, patch, 'api')));
    }),

    'candidate.createNote': rpc('candidatesWrite', noteSchema, (body) => {
      const candidate = candidateById(body.candidateId);
      if (!candidate) return notFound();
      const author = dataset.reference.users[0];
      const content = typeof body.note === 'string' ? body.note : body.note.value;
      const note = ctx.notes.add({
        id: randomUUID(),
        candidateKey: candidate.key,
        applicationKey: null,
        body: content,
        contentType: typeof body.note === 'string' ? 'text/plain' : body.note.type,
        visibility: body.isPrivate ? 'private' : 'public',
        authorKey: author?.key ?? null,
        createdAt: body.createdAt ? Date.parse(body.createdAt) : ctx.clock.tick(),
      });
      return ashbySuccess({
        id: note.id,
        createdAt: new Date(note.createdAt).toISOString(),
        isPrivate: body.isPrivate ?? false,
        content,
        author: author
          ? {
              id: ids.ensure('user', author.key),
              firstName: author.firstName,
              lastName: author.lastName,
              email: author.email,
            }
          : null,
      });
    }),

    'candidate.listNotes': rpc(
      'candidatesRead',
      z.object({ candidateId: z.string(), ...paginationFields }),
      (body) => {
        const candidate = candidateById(body.candidateId);
        if (!candidate) return notFound();
        const notes = new StaticList(() => ctx.notes.of(candidate.key));
        return paginateList(
          `candidate.listNotes:${candidate.key}`,
          notes,
          body,
          ctx.listSettings,
          (n) => ({
            id: n.id,
            createdAt: new Date(n.createdAt).toISOString(),
            isPrivate: n.visibility === 'private',
            content: n.body,
          }),
        );
      },
    ),

    'candidate.addTag': rpc(
      'candidatesWrite',
      z.object({ candidateId: z.string(), tagId: z.string() }),
      (body) => {
        const candidate = candidateById(body.candidateId);
        if (!candidate) return notFound();
        const title = ids.keyOf('tag', body.tagId);
        if (!title) return ashbyFailure('tag_not_found', 'Tag not found.');
        if (candidate.tags.includes(title)) return ashbySuccess(serializer.candidate(candidate));
        return ashbySuccess(
          serializer.candidate(
            mutator.updateCandidate(candidate.key, { tags: [...candidate.tags, title] }, 'api'),
          ),
        );
      },
    ),

    'candidateTag.list': rpc(
      'candidatesRead',
      z.object({ includeArchived: z.boolean().optional(), ...paginationFields }),
      (body) =>
        paginateList(
          'candidateTag.list',
          new StaticList(allTags),
          body,
          ctx.listSettings,
          (title) => ({
            id: ids.ensure('tag', title),
            title,
            isArchived: false,
          }),
        ),
    ),

    'candidateTag.create': rpc(
      'candidatesWrite',
      z.object({ title: z.string().min(1) }),
      (body) => {
        // An existing title returns the existing tag, as upstream does.
        if (!allTags().includes(body.title)) ctx.extraTags.add(body.title);
        return ashbySuccess({
          id: ids.ensure('tag', body.title),
          title: body.title,
          isArchived: false,
        });
      },
    ),

    'file.info': rpc('candidatesRead', z.object({ fileHandle: z.string() }), (body) => {
      const payload = body.fileHandle.startsWith('fh_')
        ? decodeOpaque(fileHandlePayload, body.fileHandle.slice(3))
        : null;
      const owner = payload ? findAttachment(ctx.dataset, payload.c, payload.a)?.owner : undefined;
      if (!payload || !owner) return ashbyFailure('file_not_found', 'No file for this handle.');
      const token = ctx.files.signer.sign(
        `${owner.key}/${payload.a}`,
        ctx.files.ttlMs,
        ctx.clock.now(),
      );
      return ashbySuccess({ url: `${ctx.files.baseUrl()}/files/${token}` });
    }),
  };
}

/** GET /files/:token — the "S3" side of `file.info`: no credentials, just an unexpired link. */
export function fileDownloadRoute(ctx: AshbyContext): AshbyRoute {
  return {
    public: true,
    handle: ({ params }) => {
      const check = ctx.files.signer.verify(params['token'] ?? '', ctx.clock.now());
      if (!check.ok) {
        // S3 answers an expired or forged pre-signed URL with 403 and an XML error.
        const message =
          check.reason === 'expired'
            ? 'Request has expired'
            : 'The request signature we calculated does not match';
        return {
          status: 403,
          raw: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`,
          headers: { 'content-type': 'application/xml' },
        };
      }
      const [candidateKey = '', attachmentKey = ''] = check.file.split('/');
      const found = findAttachment(ctx.dataset, candidateKey, attachmentKey);
      if (!found) {
        return {
          status: 404,
          raw: '<Error><Code>NoSuchKey</Code></Error>',
          headers: { 'content-type': 'application/xml' },
        };
      }
      return fileResponse(renderAttachment(found.owner, found.attachment));
    },
  };
}
