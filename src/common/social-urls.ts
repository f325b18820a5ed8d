/**
 * Canonical forms of profile URLs, so the same person's LinkedIn or GitHub link compares equal
 * however it was typed: scheme, `www.` and locale subdomains (de.linkedin.com), trailing slashes,
 * query strings, fragments, letter case and the old `/pub/` form are all dropped.
 */

export type SocialKind = 'LINKEDIN' | 'GITHUB' | 'TWITTER' | 'FACEBOOK' | 'WEBSITE';

function parse(raw: string): URL | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

function pathSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .filter(Boolean);
}

/** `linkedin.com/in/<slug>` (slug lower-cased), or null when the URL is not a LinkedIn profile. */
export function normalizeLinkedinUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const url = parse(raw);
  if (!url) return null;
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  const segments = pathSegments(url);
  const kind = segments[0]?.toLowerCase();
  // /in/<slug>[/<locale>] and the legacy /pub/<slug>/<a>/<b>/<c>.
  if ((kind === 'in' || kind === 'pub') && segments[1]) {
    return `linkedin.com/in/${segments[1].toLowerCase()}`;
  }
  return null;
}

const GITHUB_RESERVED = new Set([
  'orgs',
  'settings',
  'features',
  'about',
  'marketplace',
  'topics',
  'explore',
]);

/** `github.com/<user>` (lower-cased), or null when the URL is not a GitHub user/org page. */
export function normalizeGithubUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const url = parse(raw);
  if (!url) return null;
  const host = url.hostname.toLowerCase();
  if (host !== 'github.com' && host !== 'www.github.com') return null;
  const user = pathSegments(url)[0]?.toLowerCase();
  if (!user || GITHUB_RESERVED.has(user) || !/^[a-z0-9](?:[a-z0-9-]{0,38})$/.test(user))
    return null;
  return `github.com/${user}`;
}

/** What kind of link this is, by host. */
export function classifySocialUrl(raw: string): SocialKind {
  const url = parse(raw);
  const host = url?.hostname.toLowerCase() ?? '';
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) return 'LINKEDIN';
  if (host === 'github.com' || host === 'www.github.com') return 'GITHUB';
  if (host === 'twitter.com' || host === 'x.com' || host.endsWith('.twitter.com')) return 'TWITTER';
  if (host === 'facebook.com' || host.endsWith('.facebook.com')) return 'FACEBOOK';
  return 'WEBSITE';
}

/** Lower-cased, trimmed e-mail, or null when it does not look like one. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}
