import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedPost } from './guarded-post';

describe('guardedPost', () => {
  let server: Server;
  let base: string;
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 2000);
      } else {
        res.writeHead(202, { 'retry-after': '3' });
        res.end('ok');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const open = { allowPrivateNetworks: true, timeoutMs: 500 };

  it('posts and answers status, headers and body', async () => {
    const answer = await guardedPost(`${base}/hook`, { 'x-a': '1' }, '{}', open);
    expect(answer).toMatchObject({ status: 202, body: 'ok', error: null });
    expect(answer.headers['retry-after']).toBe('3');
  });

  it('never follows a redirect', async () => {
    paths.length = 0;
    const answer = await guardedPost(`${base}/redirect`, {}, '{}', open);
    expect(answer.status).toBe(302);
    expect(paths).toEqual(['/redirect']);
  });

  it('gives up after its timeout', async () => {
    const answer = await guardedPost(`${base}/slow`, {}, '{}', open);
    expect(answer.status).toBeNull();
    expect(answer.error).toMatch(/timed out/);
  });

  it('refuses a private address without connecting when private networks are not allowed', async () => {
    paths.length = 0;
    const answer = await guardedPost(`${base}/hook`, {}, '{}', {
      allowPrivateNetworks: false,
      timeoutMs: 500,
    });
    expect(answer.status).toBeNull();
    expect(answer.error).toMatch(/^refused: /);
    expect(paths).toEqual([]);
  });
});
