/**
 * A small people-data service (what a deployment might plug in as a ProfileProvider): holds
 * profiles, answers `POST /profiles/lookup` with those that share a LinkedIn URL, GitHub URL,
 * e-mail, or folded name with the request, and requires a bearer token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServiceProfile {
  externalId: string;
  fullName: string;
  linkedinUrl?: string;
  githubUrl?: string;
  emails?: string[];
  skills?: string[];
  industry?: string;
  workHistory?: { company: string; title?: string }[];
}

export interface ProfileServiceSimulator {
  url: string;
  token: string;
  profiles: ServiceProfile[];
  /** Every lookup body received. */
  lookups: Record<string, unknown>[];
  close(): Promise<void>;
}

const fold = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
/** `https://www.LinkedIn.com/in/ana/?x` and `linkedin.com/in/ana` are one key. */
const slug = (url: string): string => {
  try {
    const u = new URL(url.includes('://') ? url : `https://${url}`);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname}`.toLowerCase().replace(/\/$/, '');
  } catch {
    return url.toLowerCase();
  }
};

export async function startProfileServiceSimulator(
  profiles: ServiceProfile[],
): Promise<ProfileServiceSimulator> {
  const token = `pst_${Math.random().toString(36).slice(2)}`;
  const lookups: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/profiles/lookup') {
        res.writeHead(404).end();
        return;
      }
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
        return;
      }
      const body = JSON.parse(raw) as {
        linkedinUrls?: string[];
        githubUrls?: string[];
        emails?: string[];
        names?: { name: string }[];
      };
      lookups.push(body);
      const linkedins = new Set((body.linkedinUrls ?? []).map(slug));
      const githubs = new Set((body.githubUrls ?? []).map(slug));
      const emails = new Set((body.emails ?? []).map((e) => e.toLowerCase()));
      const names = new Set((body.names ?? []).map((n) => fold(n.name)));
      const found = profiles.filter(
        (p) =>
          (p.linkedinUrl && linkedins.has(slug(p.linkedinUrl))) ||
          (p.githubUrl && githubs.has(slug(p.githubUrl))) ||
          (p.emails ?? []).some((e) => emails.has(e.toLowerCase())) ||
          names.has(fold(p.fullName)),
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ profiles: found }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    profiles,
    lookups,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
