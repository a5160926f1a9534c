import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookSender } from './webhook-sender';

/** A loopback HTTP server whose answer each test chooses. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => { hits++; handler!(req, res); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as AddressInfo).port, hits: () => hits };
}

describe('WebhookSender', () => {
  const servers: Server[] = [];
  let sender: WebhookSender;
  afterEach(async () => {
    sender?.close();
    for (const s of servers.splice(0)) { s.closeAllConnections(); await new Promise((r) => s.close(r)); }
  });
  const make = (port: number, o: { timeoutMs?: number; maxResponseBytes?: number } = {}) =>
    (sender?.close(), sender = new WebhookSender({ policy: { allowedHosts: [`127.0.0.1:${port}`] }, timeoutMs: o.timeoutMs ?? 2000, maxResponseBytes: o.maxResponseBytes ?? 1024 }));

  it('posts the body with the signature headers and JSON content type; a 2xx is a delivery', async () => {
    let seen: { headers: Record<string, unknown>; body: string } | undefined;
    const { server, port } = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { seen = { headers: req.headers, body }; res.writeHead(202).end('thanks'); });
    });
    servers.push(server);
    const attempt = await make(port).post(`http://127.0.0.1:${port}/hook`, { 'webhook-id': 'e1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' }, '{"a":1}');
    expect(attempt).toEqual({ ok: true, statusCode: 202 });
    expect(seen).toEqual({ body: '{"a":1}', headers: expect.objectContaining({ 'webhook-id': 'e1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x', 'content-type': 'application/json' }) });
  });

  it('counts a 500 and a redirect (not followed) as failures with their status', async () => {
    const { server, port, hits } = await serve((req, res) => (req.url === '/moved' ? res.writeHead(302, { location: 'http://169.254.169.254/' }).end() : res.writeHead(500).end()));
    servers.push(server);
    make(port);
    expect(await sender.post(`http://127.0.0.1:${port}/hook`, {}, '{}')).toEqual({ ok: false, statusCode: 500, error: 'HTTP 500' });
    expect(await sender.post(`http://127.0.0.1:${port}/moved`, {}, '{}')).toEqual({ ok: false, statusCode: 302, error: 'HTTP 302 (redirects are not followed)' });
    expect(hits()).toBe(2);
  });

  it('gives up an attempt at its deadline, and stops reading an answer past the size cap', async () => {
    const { server, port } = await serve((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 1000).unref();
      else { res.writeHead(200); res.write(Buffer.alloc(64 * 1024, 'x')); setTimeout(() => res.end(), 2000).unref(); }
    });
    servers.push(server);
    make(port, { timeoutMs: 300, maxResponseBytes: 1024 });
    const started = Date.now();
    expect(await sender.post(`http://127.0.0.1:${port}/slow`, {}, '{}')).toEqual({ ok: false, statusCode: null, error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(1500);
    make(port, { timeoutMs: 5000, maxResponseBytes: 1024 });
    const big = Date.now();
    expect(await sender.post(`http://127.0.0.1:${port}/big`, {}, '{}')).toEqual({ ok: true, statusCode: 200 });
    expect(Date.now() - big).toBeLessThan(1500);
  });

  it('refuses, without connecting, a host that is not allow-listed and resolves to loopback, and plain http to it', async () => {
    const { server, port, hits } = await serve((_req, res) => res.writeHead(204).end());
    servers.push(server);
    sender?.close();
    sender = new WebhookSender({ policy: { allowedHosts: [] }, timeoutMs: 2000, maxResponseBytes: 1024 });
    expect(await sender.post(`https://localhost:${port}/hook`, {}, '{}')).toEqual({ ok: false, statusCode: null, error: expect.stringMatching(/^refused: localhost resolves to a forbidden address/) });
    expect(await sender.post(`http://127.0.0.1:${port}/hook`, {}, '{}')).toEqual({ ok: false, statusCode: null, error: expect.stringMatching(/^refused: the URL must be an https URL/) });
    expect(await sender.post(`https://127.0.0.1:${port}/hook`, {}, '{}')).toEqual({ ok: false, statusCode: null, error: expect.stringMatching(/^refused: the URL must not point at a loopback/) });
    expect(hits()).toBe(0);
  });
});
