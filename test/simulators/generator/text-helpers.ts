const slugCache = new Map<string, string>();

/** ASCII-folded, lower-case, separator-joined form of a name: "José Álvarez" → "jose-alvarez". */
export function asciiSlug(text: string, separator = '-'): string {
  // Names come from small vocabularies, so a cache turns the costly NFD pass into a lookup.
  const cacheKey = `${separator}\u0000${text}`;
  const cached = slugCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .join(separator);
  if (slugCache.size < 10_000) slugCache.set(cacheKey, slug);
  return slug;
}
