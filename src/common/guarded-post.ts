import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkOutboundUrl, isPrivateAddress, type OutboundPolicy } from './outbound-guard';

/**
 * POSTs to a user-given URL (partner webhooks): the address guard before, and again on the very
 * address connected to (the lookup itself refuses private answers, so DNS changing between the
 * check and the connection changes nothing); no redirects followed; one timeout for the whole
 * attempt. Never throws: a failure is `{ status: null, error }`.
 */
export interface PostOutcome {
  status: number | null;
  headers: Record<string, string>;
  /** The first few hundred bytes of the answer (for logs and attempts). */
  body: string;
  error: string | null;
}

const MAX_BODY = 1024;

export async function guardedPost(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  options: OutboundPolicy & { timeoutMs: number },
): Promise<PostOutcome> {
  let url: URL;
  try {
    url = await checkOutboundUrl(rawUrl, options);
  } catch (error) {
    return failure(`refused: ${(error as Error).message}`);
  }
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses;
      const first = list[0];
      const refused =
        !options.allowPrivateNetworks && list.some((a) => isPrivateAddress(a.address));
      if (refused || !first) return callback(new Error('resolves to a private address'), '', 0);
      if (lookupOptions.all) return callback(null, list, 0);
      callback(null, first.address, first.family);
    });
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Rediscover-Webhooks/1.0',
          ...headers,
        },
        lookup,
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const answerHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') answerHeaders[name] = value;
          }
          resolve({
            status: response.statusCode ?? null,
            headers: answerHeaders,
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
            error: null,
          });
        });
        response.on('error', (error) => resolve(failure(error.message)));
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error('timed out')), options.timeoutMs);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => {
      clearTimeout(deadline);
      resolve(failure(error.message));
    });
    request.on('close', () => clearTimeout(deadline));
    request.end(body);
  });
}

function failure(error: string): PostOutcome {
  return { status: null, headers: {}, body: '', error };
}
