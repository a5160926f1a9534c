import { randomUUID } from 'node:crypto';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';

/**
 * /docs carries security headers like the web app's page; /metrics can be moved to a port of its own
 * (METRICS_PORT) or put behind a bearer token (METRICS_TOKEN).
 */
describe('/docs headers and /metrics access', () => {
  const queue = `sec-docs-${randomUUID().slice(0, 8)}`;
  const metricsToken = `metrics-${randomUUID()}`;
  let guarded: AppProcess;
  let apart: AppProcess;
  let guardedUrl: string;
  let apartUrl: string;
  let metricsPortUrl: string;

  beforeAll(async () => {
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    guarded = new AppProcess('api', appEnv({ PORT: String(p1), TEMPORAL_TASK_QUEUE: queue, METRICS_TOKEN: metricsToken })).start();
    apart = new AppProcess('api', appEnv({ PORT: String(p2), TEMPORAL_TASK_QUEUE: queue, METRICS_PORT: String(p3) })).start();
    await Promise.all([guarded.waitForOutput(/API listening/), apart.waitForOutput(/API listening/)]);
    [guardedUrl, apartUrl, metricsPortUrl] = [p1, p2, p3].map((p) => `http://127.0.0.1:${p}`);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([guarded?.stop(), apart?.stop()]);
  });

  it('serves /docs, its assets and its OpenAPI document with CSP, nosniff, no-referrer, no framing and no-store', async () => {
    for (const path of ['/docs', '/docs/swagger-ui-init.js', '/docs/openapi.json']) {
      const res = await fetch(guardedUrl + path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({
        path,
        csp: res.headers.get('content-security-policy'), nosniff: res.headers.get('x-content-type-options'),
        referrer: res.headers.get('referrer-policy'), frame: res.headers.get('x-frame-options'), cache: res.headers.get('cache-control'),
      }).toEqual({
        path, csp: expect.stringContaining("default-src 'none'"), nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY', cache: 'no-store',
      });
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('answers /metrics only with METRICS_TOKEN when it is set', async () => {
    expect((await fetch(`${guardedUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${guardedUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    const ok = await fetch(`${guardedUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('pactum_http_requests_total');
  });

  it('moves /metrics to METRICS_PORT: absent on the API port, served on its own', async () => {
    expect((await fetch(`${apartUrl}/metrics`)).status).toBe(404);
    const res = await fetch(`${metricsPortUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('pactum_http_requests_total');
    expect((await fetch(`${metricsPortUrl}/api/v1/contracts`)).status).toBe(404);
    // The API itself still answers on its port.
    expect((await fetch(`${apartUrl}/health`)).status).not.toBe(404);
  });
});
