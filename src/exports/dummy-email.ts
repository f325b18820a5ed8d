import { createHash } from 'node:crypto';

/**
 * `no-email--<digits>@<domain>` for a candidate without an e-mail (generateDummyEmails). The
 * digits come from the candidate and the destination, so every export of one candidate to one
 * destination carries the same address and the destination's dedupe finds the earlier record.
 */
export function dummyEmail(candidateId: string, destinationId: string, domain: string): string {
  const digest = createHash('sha256').update(`${destinationId}:${candidateId}`).digest();
  // 16 decimal digits from the first 8 bytes: collisions are as unlikely as in the hash.
  const digits = (digest.readBigUInt64BE(0) % 10n ** 16n).toString().padStart(16, '0');
  return `no-email--${digits}@${domain}`;
}

export const isDummyEmail = (email: string): boolean => email.startsWith('no-email--');
