/**
 * The plain text of a candidate's resume and cover letter. Sections are in capitals on their own
 * line so resume parsers (and tests) can find them; the attachment writers render this text into
 * PDF and DOCX, so what a parser extracts is exactly this.
 */
import type { NeutralCandidate, NeutralExperience } from './neutral-model';

function years(job: NeutralExperience): string {
  return `${job.startYear}–${job.endYear === null ? 'Present' : job.endYear}`;
}

/** `linkedin.com/in/<slug>` the way people print it on a resume, whatever form the ATS holds. */
function printedProfile(url: string | null, host: 'linkedin' | 'github'): string | null {
  if (!url) return null;
  const pattern = host === 'linkedin' ? /linkedin\.com\/in\/([^/?#]+)/i : /github\.com\/([^/?#]+)/i;
  const handle = pattern.exec(url)?.[1];
  if (!handle) return null;
  return host === 'linkedin' ? `linkedin.com/in/${handle.toLowerCase()}` : `github.com/${handle}`;
}

export function buildResumeText(c: NeutralCandidate): string {
  const lines: string[] = [];
  const current = c.experience[0];
  lines.push(`${c.firstName} ${c.lastName}`);
  const headline = current
    ? current.current
      ? `${current.title} at ${current.company}`
      : `${current.title}, open to new opportunities`
    : 'Graduate looking for a first role';
  lines.push(c.place ? `${headline} | ${c.place.city}, ${c.place.country}` : headline);
  const contact = [
    c.emails[0]?.value,
    c.phones[0]?.value,
    printedProfile(c.linkedinUrl, 'linkedin'),
    printedProfile(c.githubUrl, 'github'),
    c.websiteUrl,
  ].filter((x): x is string => Boolean(x));
  if (contact.length > 0) lines.push(contact.join(' | '));

  const first = c.experience[c.experience.length - 1];
  lines.push('', 'SUMMARY');
  lines.push(
    `${current?.title ?? 'Early-career professional'}${first ? ` working since ${first.startYear}` : ''}, skilled in ${c.skills
      .slice(0, 3)
      .join(', ')}.${current ? ` ${current.description}` : ''}`,
  );

  if (c.experience.length > 0) {
    lines.push('', 'EXPERIENCE');
    for (const job of c.experience) {
      lines.push(`${job.title} — ${job.company}, ${years(job)}`);
      lines.push(`${job.location}. ${job.description}`);
    }
  }
  if (c.education.length > 0) {
    lines.push('', 'EDUCATION');
    for (const ed of c.education)
      lines.push(`${ed.degree}, ${ed.major} — ${ed.school}, ${ed.startYear}–${ed.endYear}`);
  }
  if (c.skills.length > 0) lines.push('', 'SKILLS', c.skills.join(', '));
  if (c.certifications.length > 0) lines.push('', 'CERTIFICATIONS', ...c.certifications);
  if (c.languages.length > 0) {
    lines.push('', 'LANGUAGES', c.languages.map((l) => `${l.name} (${l.proficiency})`).join(', '));
  }
  return lines.join('\n');
}

export function buildCoverLetterText(c: NeutralCandidate): string {
  const current = c.experience[0];
  return [
    `${c.firstName} ${c.lastName}`,
    c.emails[0]?.value ?? '',
    '',
    'Dear Hiring Team,',
    '',
    `I am writing to express my interest in joining your team. ${
      current
        ? `As ${current.title} at ${current.company}, I ${lowerFirst(current.description)}`
        : 'I am eager to start my career with you.'
    }`,
    `I work mostly with ${c.skills.slice(0, 4).join(', ')} and would love to bring that experience to your company.`,
    '',
    'Kind regards,',
    `${c.firstName} ${c.lastName}`,
  ].join('\n');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
