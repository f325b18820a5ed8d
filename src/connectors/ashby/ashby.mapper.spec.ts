import { describe, expect, it } from 'vitest';
import { mapApplication, mapCandidate, splitName } from './ashby.mapper';
import { parseItems } from './ashby.pages';
import { ashbyApplicationSchema, ashbyCandidateSchema } from './ashby.schemas';

/** Branches the simulator never serves: hand-written Ashby payloads. */

const application = (extra: Record<string, unknown>) =>
  ashbyApplicationSchema.parse({
    id: 'app-1',
    status: 'Active',
    candidate: { id: 'cand-1' },
    createdAt: '2025-03-01T10:00:00.000Z',
    ...extra,
  });

describe('Ashby mapper', () => {
  it('splits names on the first space and keeps one-word names whole', () => {
    expect(splitName('  Ana   Van der Berg ')).toEqual({
      fullName: 'Ana Van der Berg',
      firstName: 'Ana',
      lastName: 'Van der Berg',
    });
    expect(splitName('Madonna')).toEqual({
      fullName: 'Madonna',
      firstName: 'Madonna',
      lastName: null,
    });
    expect(splitName(' ')).toEqual({ fullName: '', firstName: null, lastName: null });
  });

  it('maps Archived without a reason to ARCHIVED, with one to REJECTED, and Lead to a prospect', () => {
    const archived = mapApplication(
      application({ status: 'Archived', archivedAt: '2025-04-01T00:00:00.000Z' }),
      {},
      new Map(),
    );
    expect(archived).toMatchObject({
      status: 'ARCHIVED',
      rejectedAt: new Date('2025-04-01T00:00:00.000Z'),
    });
    const rejected = mapApplication(
      application({
        status: 'Archived',
        archiveReason: { id: 'r1', text: 'Too junior', reasonType: 'RejectedByOrg' },
      }),
      {},
      new Map(),
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReasonRemoteId: 'r1' });
    expect(mapApplication(application({ status: 'Lead' }), {}, new Map())).toMatchObject({
      status: 'ACTIVE',
      isProspect: true,
    });
    expect(mapApplication(application({ status: 'Someday' }), {}, new Map())).toMatchObject({
      status: 'ACTIVE',
      remoteStatus: 'Someday',
      isProspect: false,
    });
  });

  it('types social links by host first, then by Ashby type, and dedupes contacts', () => {
    const candidate = ashbyCandidateSchema.parse({
      id: 'cand-1',
      name: 'Zoë Ørsted',
      primaryEmailAddress: { value: 'zoe@example.com', type: 'Personal', isPrimary: true },
      emailAddresses: [
        { value: 'z@work.example', type: 'Work', isPrimary: false },
        { value: 'ZOE@example.com', type: 'Personal', isPrimary: true },
      ],
      socialLinks: [
        { type: 'Website', url: 'https://github.com/zoe' },
        { type: 'LinkedIn', url: 'https://lnkd.in/abc' },
        { type: 'Medium', url: 'https://medium.com/@zoe' },
        { type: 'Website', url: 'zoe.dev' },
      ],
      resumeFileHandle: { id: 'f1', name: 'cv.PDF', handle: 'h1' },
      fileHandles: [
        { id: 'f1', name: 'cv.PDF', handle: 'h1' },
        { id: 'f2', name: 'portfolio.zip', handle: 'h2' },
      ],
    });
    const record = mapCandidate(candidate, {}, new Map());
    expect(record.emails).toEqual(['zoe@example.com', 'z@work.example']);
    expect(record.socialLinks.map((l) => l.type)).toEqual([
      'GITHUB',
      'LINKEDIN',
      'OTHER',
      'WEBSITE',
    ]);
    expect(record.attachments).toEqual([
      {
        remoteId: 'f1',
        name: 'cv.PDF',
        type: 'RESUME',
        contentType: 'application/pdf',
        locator: 'h1',
      },
      { remoteId: 'f2', name: 'portfolio.zip', type: 'OTHER', contentType: null, locator: 'h2' },
    ]);
  });

  it('skips a malformed item with its id and keeps the others', () => {
    const parsed = parseItems(
      'applications',
      [{ id: 'a1', status: 'Active' }, { id: 'a2', status: 'Active', candidate: { id: 'c' } }, 7],
      ashbyApplicationSchema,
    );
    expect(parsed.ok && parsed.value.items.map((i) => i.value.id)).toEqual(['a2']);
    expect(parsed.ok && parsed.value.skipped.map((s) => s.remoteId)).toEqual(['a1', null]);
  });
});
