import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RawHttpPool, rawRequest } from './raw-http-pool';

/** The checkout benchmark's load client must read real HTTP answers correctly, or its figures mean nothing. */
describe('RawHttpPool (benchmark load client)', () => {
  let server: Server;
  let port: number;
  const connectionsSeen = new Set<unknown>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      connectionsSeen.add(req.socket);
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (req.url === '/chunked') {
          res.write('part');
          res.end();
          return;
        }
        if (req.url === '/close') res.setHeader('connection', 'close');
        const status = req.url === '/missing' ? 404 : 200;
        const answer = JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, body, big: 'x'.repeat(req.url === '/big' ? 200_000 : 0) });
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (path: string, body = '{"a":1}') =>
    rawRequest('POST', `127.0.0.1:${port}`, path, { 'content-type': 'application/json', authorization: 'Bearer t' }, Buffer.from(body));

  it('sends the prebuilt request and reads status and body, over a few kept-alive connections', async () => {
    connectionsSeen.clear();
    const pool = new RawHttpPool('127.0.0.1', port, 3);
    try {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => pool.send(request(`/r${i}`, `{"i":${i}}`))));
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
      expect(answers.map((a) => JSON.parse(a.body.toString()).url)).toEqual(Array.from({ length: 30 }, (_, i) => `/r${i}`));
      expect(JSON.parse(answers[7].body.toString())).toMatchObject({ method: 'POST', auth: 'Bearer t', body: '{"i":7}' });
      expect(connectionsSeen.size).toBe(3);
    } finally {
      pool.close();
    }
  });

  it('reads answers that arrive in many pieces, and error statuses', async () => {
    const pool = new RawHttpPool('127.0.0.1', port, 1);
    try {
      const big = await pool.send(request('/big'));
      expect(JSON.parse(big.body.toString()).big).toHaveLength(200_000);
      expect((await pool.send(request('/missing'))).status).toBe(404);
    } finally {
      pool.close();
    }
  });

  it('reconnects after the server closes the connection', async () => {
    const pool = new RawHttpPool('127.0.0.1', port, 1);
    try {
      expect((await pool.send(request('/close'))).status).toBe(200);
      expect((await pool.send(request('/after'))).status).toBe(200);
    } finally {
      pool.close();
    }
  });

  it('refuses a chunked answer instead of misreading it', async () => {
    const pool = new RawHttpPool('127.0.0.1', port, 1);
    try {
      await expect(pool.send(request('/chunked'))).rejects.toThrow(/without content-length/);
      expect((await pool.send(request('/next'))).status).toBe(200);
    } finally {
      pool.close();
    }
  });
});
