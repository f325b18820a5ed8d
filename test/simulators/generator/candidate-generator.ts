/**
 * Candidate #index of a seeded world, built from nothing but (seed, index, reference): no shared
 * state, so callers can stream a million candidates or build any one of them alone.
 */
import { generateApplications } from './application-generator';
import { generateEducation, generateExperience, generateLanguages } from './career-generator';
import { JOB_FAMILIES } from './career-vocabulary';
import { generateEmails, generatePhones, githubUrl, linkedinUrl } from './contact-generator';
import { candidateKey } from './keys';
import type {
  GeneratedCandidate,
  NeutralAttachment,
  NeutralCandidate,
  NeutralCustomFieldDefinition,
  NeutralCustomFieldValue,
  ReferenceData,
} from './neutral-model';
import { CITIES, FIRST_NAMES, LAST_NAMES } from './people-vocabulary';
import { placeOf } from './places';
import { Rng } from './prng';
import { buildResumeText } from './resume-text';
import { asciiSlug } from './text-helpers';

export { applicationKey, candidateKey } from './keys';

const DAY_MS = 86_400_000;

export function generateCandidate(
  seed: string | number,
  index: number,
  reference: ReferenceData,
): GeneratedCandidate {
  const rng = Rng.fromSeed(String(seed), 'candidate', index);
  const now = reference.now;
  const city = rng.pick(CITIES);
  const family = rng.weighted(JOB_FAMILIES.map((f, i) => [f, i === 0 ? 4 : 1] as const));
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const nowYear = new Date(now).getUTCFullYear();
  const years = rng.int(0, 22);
  const careerStart = nowYear - years;

  const education = generateEducation(rng, family, careerStart, city);
  const experience = generateExperience(rng, family, careerStart, nowYear, years, city);
  const current = experience[0]?.current ? experience[0] : null;
  const handle = `${asciiSlug(firstName, '')}${asciiSlug(lastName, '').slice(0, 8)}${index.toString(36)}`;

  const createdAt = now - rng.int(1, 1800) * DAY_MS - rng.int(0, DAY_MS - 1);
  const key = candidateKey(index);
  const candidate: NeutralCandidate = {
    key,
    index,
    firstName,
    lastName,
    emails: fit(generateEmails(rng, firstName, lastName, index, current?.company ?? null)),
    phones: fit(generatePhones(rng, city)),
    linkedinUrl: rng.chance(0.85) ? linkedinUrl(rng, firstName, lastName, index, city) : null,
    githubUrl: rng.chance(family.key === 'engineering' || family.key === 'data' ? 0.6 : 0.1)
      ? githubUrl(rng, handle)
      : null,
    websiteUrl: rng.chance(0.12) ? `https://${handle}.dev` : null,
    place: rng.chance(0.95) ? placeOf(city) : null,
    currentCompany: current?.company ?? null,
    currentTitle: current?.title ?? null,
    experience: fit(experience),
    education: fit(education),
    skills: rng.sample(family.skills, rng.int(5, 12)),
    certifications: rng.chance(0.4) ? rng.sample(family.certifications, rng.int(1, 2)) : [],
    languages: fit(generateLanguages(rng, city)),
    tags: rng.chance(0.3) ? rng.sample(reference.tags, rng.int(1, 2)) : [],
    customFields: fit(generateCustomFields(rng, reference.customFields, now)),
    sourceKey: rng.chance(0.9) ? rng.pick(reference.sources).key : null,
    recruiterKey: rng.chance(0.8)
      ? rng.pick(reference.users.filter((u) => u.role === 'RECRUITER')).key
      : null,
    // Built on read, not stored: resume text would be a third of a candidate's memory, and a
    // 200k dataset should not pay for text nobody asks for. Spreading the candidate copies it.
    get resumeText(): string {
      return buildResumeText(this);
    },
    attachments: [],
    createdAt,
    updatedAt: createdAt,
    lastActivityAt: createdAt,
  };
  candidate.updatedAt = createdAt + Math.floor(rng.next() * (now - createdAt));
  candidate.attachments = fit(generateAttachments(rng, candidate));
  const applications = fit(generateApplications(rng, candidate, reference));
  candidate.lastActivityAt = Math.max(candidate.updatedAt, ...applications.map((a) => a.updatedAt));
  return { candidate, applications };
}

/**
 * An exact-size copy. Arrays grown with push keep up to 16 spare slots, which at 10^5 candidates
 * with eight lists each is most of a gigabyte of nothing.
 */
function fit<T>(items: T[]): T[] {
  return items.slice();
}

/** Candidates `from .. from+count-1`, one at a time, for callers that must not hold them all. */
export function* streamCandidates(
  seed: string | number,
  reference: ReferenceData,
  count: number,
  from = 0,
): Generator<GeneratedCandidate> {
  for (let i = from; i < from + count; i++) yield generateCandidate(seed, i, reference);
}

function generateCustomFields(
  rng: Rng,
  definitions: readonly NeutralCustomFieldDefinition[],
  now: number,
): NeutralCustomFieldValue[] {
  const values: NeutralCustomFieldValue[] = [];
  for (const def of definitions) {
    if (!rng.chance(0.5)) continue;
    switch (def.type) {
      case 'NUMBER':
        values.push({ fieldKey: def.key, value: rng.int(40, 250) * 1000 });
        break;
      case 'BOOLEAN':
        values.push({ fieldKey: def.key, value: rng.chance(0.5) });
        break;
      case 'DATE':
        values.push({
          fieldKey: def.key,
          value: new Date(now + rng.int(0, 120) * DAY_MS).toISOString().slice(0, 10),
        });
        break;
      case 'SINGLE_SELECT':
        values.push({ fieldKey: def.key, value: rng.pick(def.options) });
        break;
      case 'MULTI_SELECT':
        values.push({ fieldKey: def.key, value: rng.sample(def.options, rng.int(1, 2)) });
        break;
      case 'TEXT':
        values.push({
          fieldKey: def.key,
          value: rng.pick([
            'Met at KubeCon',
            'Strong GitHub profile',
            'Referred by a former colleague',
            'Re-engage next quarter',
          ]),
        });
        break;
    }
  }
  return values;
}

function generateAttachments(rng: Rng, candidate: NeutralCandidate): NeutralAttachment[] {
  const name = `${candidate.firstName}_${candidate.lastName}`.replace(/\s+/g, '_');
  const attachments: NeutralAttachment[] = [];
  if (rng.chance(0.9)) {
    const format = rng.chance(0.6) ? 'pdf' : 'docx';
    attachments.push({
      key: `${candidate.key}-resume`,
      kind: 'RESUME',
      format,
      fileName: `${name}_${rng.pick(['Resume', 'CV'])}.${format}`,
      createdAt: candidate.createdAt,
    });
  }
  if (rng.chance(0.15)) {
    const format = rng.chance(0.5) ? 'pdf' : 'docx';
    attachments.push({
      key: `${candidate.key}-cover-letter`,
      kind: 'COVER_LETTER',
      format,
      fileName: `Cover_Letter_${name}.${format}`,
      createdAt: candidate.createdAt,
    });
  }
  return attachments;
}
