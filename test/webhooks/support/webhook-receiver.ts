import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyStandardWebhook } from './standard-webhooks';

/** One request as the receiver got it. */
export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  json: any;
  /** The status the receiver answered (0: it never answered, e.g. the sender went away). */
  answered: number;
}

/**
 * A real HTTP endpoint on loopback, as an integration's receiver would be. `mode`: `ok` answers
 * 204, `fail` answers 500, `hang` answers 204 after `hangMs`. `stop()` and `start(port)` take it
 * down and bring it back on the same port (connection refused meanwhile).
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  hangMs = 1500;
  port = 0;
  private server?: Server;

  async start(port = this.port): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try { json = JSON.parse(body); } catch { json = undefined; }
        const r: ReceivedWebhook = {
          path: req.url ?? '', id: String(req.headers['webhook-id'] ?? ''), timestamp: String(req.headers['webhook-timestamp'] ?? ''),
          signature: String(req.headers['webhook-signature'] ?? ''), body, json, answered: 0,
        };
        this.requests.push(r);
        const answer = (status: number) => {
          // A sender that went away meanwhile (a worker killed mid-delivery) never got the answer.
          if (res.destroyed || req.socket.destroyed) return;
          r.answered = status;
          res.writeHead(status).end();
        };
        if (this.mode === 'fail') answer(500);
        else if (this.mode === 'hang') setTimeout(() => answer(204), this.hangMs);
        else answer(204);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The messages accepted (answered 2xx) about one contract, each event once, in the order first accepted. */
  acceptedFor(contractId: string, path?: string): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.requests.filter((r) => r.answered >= 200 && r.answered < 300 && (!path || r.path === path) && r.json?.data?.contract?.id === contractId && !seen.has(r.id) && seen.add(r.id));
  }

  /** Waits until `pick` answers something truthy (it is called on every poll). */
  async waitFor<T>(pick: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = pick();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`webhook receiver: ${what} not seen within ${timeoutMs} ms (${this.requests.length} requests so far)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits until the contract's accepted event types are exactly `types` (in that order, or more arrive). */
  async waitForTypes(contractId: string, types: string[], path?: string, timeoutMs = 60_000): Promise<ReceivedWebhook[]> {
    return this.waitFor(() => {
      const got = this.acceptedFor(contractId, path);
      return got.length >= types.length && got;
    }, `${types.join(', ')} for contract ${contractId}`, timeoutMs);
  }
}

/** Whether the message verifies with the secret (an independent implementation of the specification). */
export function verifies(secret: string, r: ReceivedWebhook): boolean {
  return verifyStandardWebhook(secret, { id: r.id, timestamp: r.timestamp, signature: r.signature }, r.body);
}
