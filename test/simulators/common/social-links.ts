/**
 * Canonical profile links for duplicate detection inside simulators (SourceWhale matches on
 * social links). Deliberately independent of the product's normalizer so tests catch its bugs.
 */
export function canonicalSocialLink(raw: string): string {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return trimmed.toLowerCase();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const segments = url.pathname.split('/').filter(Boolean);
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) {
    if (segments[0] === 'in' && segments[1]) return `linkedin.com/in/${segments[1].toLowerCase()}`;
  }
  if (host === 'github.com' && segments[0]) return `github.com/${segments[0].toLowerCase()}`;
  return `${host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
}
