import type { Education, WorkExperience } from '../entities/candidate-fields';

/**
 * Reads structured facts out of resume text: the sections most resumes share (EXPERIENCE,
 * EDUCATION, SKILLS, CERTIFICATIONS, LANGUAGES) under a heading on its own line, and the
 * profile links and e-mails anywhere in it (they feed matching). Best effort by design: what it
 * cannot read stays searchable as plain resume text.
 */
export interface ParsedResume {
  experience: WorkExperience[];
  education: Education[];
  skills: string[];
  certifications: string[];
  languages: string[];
  emails: string[];
  linkedinUrls: string[];
  githubUrls: string[];
}

type Section = 'experience' | 'education' | 'skills' | 'certifications' | 'languages' | 'other';

const HEADINGS: [RegExp, Section][] = [
  [
    /^(work\s+)?experience|employment(\s+history)?|professional\s+experience|work\s+history$/i,
    'experience',
  ],
  [/^education(\s+and\s+training)?$/i, 'education'],
  [/^(technical\s+)?skills|core\s+competencies|technologies$/i, 'skills'],
  [/^certifications?|licen[cs]es(\s+and\s+certifications)?$/i, 'certifications'],
  [/^languages?$/i, 'languages'],
  [
    /^(summary|profile|about(\s+me)?|objective|projects|interests|references|publications|awards)$/i,
    'other',
  ],
];

// "Staff Engineer — Stripe, 2019–Present" / "Engineer at Acme (2015 - 2019)"
const EXPERIENCE_LINE =
  /^(?<title>.+?)\s+(?:—|–|-|@|at)\s+(?<company>.+?)[,(]?\s*(?<start>(?:19|20)\d{2})\s*[–—-]\s*(?<end>(?:19|20)\d{2}|present|current|now|today)\)?\s*$/i;
// "MSc, Computer Science — ETH Zürich, 2012–2014" / "BSc Physics - MIT (2008-2012)"
const EDUCATION_LINE =
  /^(?<degree>[^,—–]+?)(?:,\s*|\s+in\s+)(?<major>[^—–]+?)\s+(?:—|–|-|at)\s+(?<school>.+?)[,(]?\s*(?<start>(?:19|20)\d{2})\s*[–—-]\s*(?<end>(?:19|20)\d{2})\)?\s*$/i;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const LINKEDIN =
  /(?:https?:\/\/)?(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com\/(?:in|pub)\/[^\s|,;)]+/gi;
const GITHUB = /(?:https?:\/\/)?(?:www\.)?github\.com\/[A-Za-z0-9-]+/gi;
// A URL ending a sentence ("… linkedin.com/in/ana-silva.") keeps none of the sentence's
// punctuation: no LinkedIn slug ends in one, and a slug with the full stop is another person's.
const SENTENCE_END = /[.!?:'"’”…]+$/u;

export function parseResume(text: string): ParsedResume {
  const result: ParsedResume = {
    experience: [],
    education: [],
    skills: [],
    certifications: [],
    languages: [],
    emails: unique(text.match(EMAIL) ?? []).map((e) => e.toLowerCase()),
    linkedinUrls: unique((text.match(LINKEDIN) ?? []).map((u) => u.replace(SENTENCE_END, ''))),
    githubUrls: unique(text.match(GITHUB) ?? []),
  };
  let section: Section | null = null;
  let linesInSection = 0;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    const heading = headingOf(line);
    if (heading) {
      section = heading;
      linesInSection = 0;
      continue;
    }
    // A list section is a few short lines: past them, what follows is other text.
    if (section && LIST_SECTIONS.has(section)) {
      if (++linesInSection > MAX_LIST_LINES || PROSE.test(line) || runOn(line)) section = 'other';
    }
    switch (section) {
      case 'experience': {
        const m = EXPERIENCE_LINE.exec(line)?.groups;
        if (m?.['title'] && m['company'] && m['start'] && m['end']) {
          const current = /present|current|now|today/i.test(m['end']);
          result.experience.push({
            title: m['title'].trim(),
            company: m['company'].trim().replace(/,$/, ''),
            startDate: m['start'],
            endDate: current ? null : m['end'],
            current,
          });
        }
        break;
      }
      case 'education': {
        const m = EDUCATION_LINE.exec(line)?.groups;
        if (m?.['degree'] && m['school']) {
          result.education.push({
            degree: m['degree'].trim(),
            major: m['major']?.trim() ?? null,
            school: m['school'].trim().replace(/,$/, ''),
            startDate: m['start'] ?? null,
            endDate: m['end'] ?? null,
          });
        }
        break;
      }
      case 'skills':
        result.skills.push(...splitList(line));
        break;
      case 'certifications':
        result.certifications.push(...splitList(line));
        break;
      case 'languages':
        // "German (Professional)" → "German"
        result.languages.push(
          ...splitList(line)
            .map((l) => l.replace(/\s*\(.*\)\s*$/, '').trim())
            .filter((l) => LANGUAGE_NAME.test(l)),
        );
        break;
      default:
        break;
    }
  }
  result.skills = unique(result.skills);
  result.certifications = unique(result.certifications);
  result.languages = unique(result.languages.filter(Boolean));
  return result;
}

const LIST_SECTIONS: ReadonlySet<Section> = new Set(['skills', 'certifications', 'languages']);
const MAX_LIST_LINES = 8;
/** A sentence or a salutation: prose, not a list item. */
const PROSE = /[.!?,:]$|^(dear|hello|hi)\b/i;
/** Many words with no list separator between them: a sentence, not a list. */
const runOn = (line: string): boolean => !/[,;•|·]/.test(line) && line.split(/\s+/).length > 8;
/** "German", "Brazilian Portuguese", "Mandarin Chinese": a name of at most three words. */
const LANGUAGE_NAME = /^\p{L}[\p{L}'-]*(?: \p{L}[\p{L}'-]*){0,2}$/u;

/** The facts of several files, as if of one (first file first; lists without repeats). */
export function mergeParsed(parts: ParsedResume[]): ParsedResume {
  return {
    experience: parts.flatMap((p) => p.experience),
    education: parts.flatMap((p) => p.education),
    skills: unique(parts.flatMap((p) => p.skills)),
    certifications: unique(parts.flatMap((p) => p.certifications)),
    languages: unique(parts.flatMap((p) => p.languages)),
    emails: unique(parts.flatMap((p) => p.emails)),
    linkedinUrls: unique(parts.flatMap((p) => p.linkedinUrls)),
    githubUrls: unique(parts.flatMap((p) => p.githubUrls)),
  };
}

function headingOf(line: string): Section | null {
  if (line.length > 40) return null;
  const cleaned = line.replace(/[:\-–—_=*#]+$/g, '').trim();
  for (const [pattern, section] of HEADINGS) if (pattern.test(cleaned)) return section;
  return null;
}

function splitList(line: string): string[] {
  return line
    .split(/\s*[,;•|·]\s*/)
    .map((s) => s.replace(/^[-*]\s*/, '').trim())
    .filter((s) => s.length > 0 && s.length <= 80);
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
