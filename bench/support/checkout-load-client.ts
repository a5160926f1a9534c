/**
 * Load client of the checkout benchmark, run as a child process (child_process.fork) so that the
 * load does not share an event loop with the bench's own bookkeeping: keep-alive HTTP/1.1 with
 * several connections, each request a prebuilt buffer (raw-http-pool.ts). Modes:
 * - closed: `connections` loops send the next request as soon as the previous answer arrived (saturation);
 * - open: requests leave on a fixed schedule whatever the answers do, and latency is measured from
 *   the scheduled send time, so queueing in the API (or in this client) counts (no coordinated omission).
 * The parent sends one LoadJob message and receives one LoadResult.
 */
import { RawHttpPool, rawRequest } from './raw-http-pool';

export interface CheckoutWorkload {
  contracts: number;
  buyers: number;
  offersPerContract: number;
  skuSpace: number;
  linesPerCart: number;
}

export type LoadJob =
  | { mode: 'closed'; urls: string[]; token: string; connections: number; durationMs: number; workload: CheckoutWorkload; seed: number }
  | { mode: 'open'; urls: string[]; token: string; connections: number; durationMs: number; rate: number; workload: CheckoutWorkload; seed: number }
  | { mode: 'commit'; urls: string[]; token: string; connections: number; orderIds: string[]; buyer: string; sku: string };

export interface LoadResult {
  sent: number;
  ok: number;
  /** HTTP status → count (everything that was not a transport error). */
  statuses: Record<string, number>;
  errors: number;
  elapsedMs: number;
  /** Per-request latency in ms (open: from the scheduled send time; closed/commit: from the actual send). */
  latencies: number[];
  /** The first unexpected answer, for the report. */
  sample?: string;
}

export const benchBuyerDn = (b: number) => `ou=Buyer ${b},o=Bench,o=Root Organization`;
export const benchSkuOf = (contract: number, k: number, skuSpace: number) => `SKU-${(contract * 7 + k) % skuSpace}`;

/** A fixed pool of pre-serialised carts (contract n belongs to buyer n mod buyers; its lines are its own SKUs). */
export function evaluationBodies(w: CheckoutWorkload, count: number, seed: number): Buffer[] {
  const bodies: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const n = ((seed + i) * 7919) % w.contracts;
    const lines = Array.from({ length: w.linesPerCart }, (_, j) => ({
      sku: benchSkuOf(n, (i * 13 + j * 31) % w.offersPerContract, w.skuSpace), quantity: 1 + (j % 5), listPrice: '25.00',
    }));
    bodies.push(Buffer.from(JSON.stringify({ buyer: benchBuyerDn(n % w.buyers), currency: 'USD', at: '2026-06-01T12:00:00Z', lines })));
  }
  return bodies;
}

/**
 * The API processes under load (`urls`: one each, as behind a load balancer), each with its share
 * of the connections; requests go to them in turn.
 */
class ApiTargets {
  private readonly pools: RawHttpPool[];
  private readonly host: string;
  private turn = 0;

  constructor(urls: string[], connections: number, private readonly token: string) {
    this.pools = urls.map((u, i) => {
      const url = new URL(u);
      const share = Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0);
      return new RawHttpPool(url.hostname, Number(url.port || 80), Math.max(1, share));
    });
    this.host = new URL(urls[0]!).host;
  }

  /** The request bytes of `body` for `path`, built once. */
  request(path: string, body: Buffer): Buffer {
    return rawRequest('POST', this.host, path, { 'content-type': 'application/json', authorization: `Bearer ${this.token}` }, body);
  }

  /** One evaluate/commit request, to the next API process in turn. */
  async post(request: Buffer): Promise<{ status: number; text: string }> {
    const pool = this.pools[this.turn++ % this.pools.length]!;
    const { status, body } = await pool.send(request);
    return { status, text: status === 200 ? '' : body.toString('utf8') };
  }

  close(): void {
    for (const p of this.pools) p.close();
  }
}

export async function runLoadJob(job: LoadJob): Promise<LoadResult> {
  const api = new ApiTargets(job.urls, job.connections, job.token);
  const result: LoadResult = { sent: 0, ok: 0, statuses: {}, errors: 0, elapsedMs: 0, latencies: [] };
  const record = (r: { status: number; text: string } | undefined, latency: number) => {
    result.latencies.push(latency);
    if (!r) { result.errors++; return; }
    result.statuses[r.status] = (result.statuses[r.status] ?? 0) + 1;
    if (r.status === 200) result.ok++;
    else result.sample ??= `${r.status} ${r.text.slice(0, 300)}`;
  };
  const started = performance.now();
  try {
    if (job.mode === 'commit') {
      const path = '/api/v1/checkout/commit';
      let next = 0;
      await Promise.all(Array.from({ length: job.connections }, async () => {
        while (next < job.orderIds.length) {
          const orderId = job.orderIds[next++]!;
          const body = Buffer.from(JSON.stringify({ orderId, buyer: job.buyer, currency: 'USD', at: '2026-06-01T12:00:00Z', lines: [{ sku: job.sku, quantity: 1, listPrice: '2.00' }] }));
          const t = performance.now();
          result.sent++;
          record(await api.post(api.request(path, body)).catch(() => undefined), performance.now() - t);
        }
      }));
    } else {
      const path = '/api/v1/checkout/evaluate';
      const requests = evaluationBodies(job.workload, 2000, job.seed).map((body) => api.request(path, body));
      const end = started + job.durationMs;
      if (job.mode === 'closed') {
        let i = 0;
        await Promise.all(Array.from({ length: job.connections }, async () => {
          while (performance.now() < end) {
            const request = requests[i++ % requests.length]!;
            const t = performance.now();
            result.sent++;
            record(await api.post(request).catch(() => undefined), performance.now() - t);
          }
        }));
      } else {
        const total = Math.round((job.rate * job.durationMs) / 1000);
        const inflight: Promise<void>[] = [];
        for (let i = 0; i < total; i++) {
          const due = started + (i * 1000) / job.rate;
          const wait = due - performance.now();
          if (wait > 1) await new Promise((r) => setTimeout(r, wait));
          // Send everything that is due now (a timer may fire late): each keeps its own scheduled time.
          result.sent++;
          inflight.push(api.post(requests[i % requests.length]!).then(
            (r) => record(r, performance.now() - due), () => record(undefined, performance.now() - due)));
        }
        await Promise.all(inflight);
      }
    }
  } finally {
    result.elapsedMs = performance.now() - started;
    api.close();
  }
  return result;
}

// As a forked child: one job in, one result out, then exit.
if (require.main === module && process.send) {
  process.once('message', (job: LoadJob) => {
    runLoadJob(job).then(
      (r) => process.send!({ result: r }, () => process.exit(0)),
      (err) => process.send!({ error: String(err?.stack ?? err) }, () => process.exit(1)),
    );
  });
}
