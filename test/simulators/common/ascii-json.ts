/**
 * JSON with every non-ASCII character escaped (`é` → `\u00e9`), as Greenhouse sends webhook
 * bodies. Receivers must verify signatures over these exact bytes, not a re-serialization.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
