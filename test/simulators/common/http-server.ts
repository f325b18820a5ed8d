/**
 * node:http plumbing shared by the simulators: read the whole request, hand a plain object to a
 * handler, write what it returns. Handlers never touch streams, which keeps vendor code about the
 * vendor.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fully read request. */
export interface SimRequest {
  method: string;
  /** Path without the query string, percent-decoding left to the router. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** What a handler answers: JSON `body`, or `raw` bytes/text with their own content type. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: Buffer | string;
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return { status, body, headers };
}

export function noContent(headers: Record<string, string> = {}): SimResponse {
  return { status: 204, headers };
}

/** One header value (first one when repeated), lower-case name. */
export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as JSON; `undefined` for an empty body, a SyntaxError for a malformed one. */
export function parseJsonBody(req: SimRequest): unknown {
  if (req.rawBody.length === 0) return undefined;
  try {
    return JSON.parse(req.rawBody.toString('utf8')) as unknown;
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError(String(error));
  }
}

/** The body as an `application/x-www-form-urlencoded` form. */
export function parseFormBody(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody.toString('utf8'));
}

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function startHttpServer(
  handle: (req: SimRequest) => Promise<SimResponse>,
  options: { port?: number; host?: string } = {},
): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer((incoming, outgoing) => {
    void serve(incoming, outgoing, handle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients (fetch) keep connections alive; a simulator shutting down drops them.
        server.closeAllConnections();
      }),
  };
}

async function serve(
  incoming: http.IncomingMessage,
  outgoing: http.ServerResponse,
  handle: (req: SimRequest) => Promise<SimResponse>,
): Promise<void> {
  let response: SimResponse;
  try {
    const rawBody = await readBody(incoming);
    const url = new URL(incoming.url ?? '/', 'http://simulator');
    response = await handle({
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      rawBody,
    });
  } catch (error) {
    response = json(500, { message: error instanceof Error ? error.message : String(error) });
  }
  write(outgoing, response);
}

function readBody(incoming: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        incoming.destroy();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function write(outgoing: http.ServerResponse, response: SimResponse): void {
  if (outgoing.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload: Buffer | string | undefined = response.raw;
  if (payload === undefined && response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  outgoing.writeHead(response.status, headers);
  outgoing.end(payload);
}
