import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per API process: Node process metrics plus HTTP request counts and latencies. */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'pactum_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly duration = new Histogram({
    name: 'pactum_http_request_duration_seconds', help: 'HTTP request duration by route', labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });

  constructor() {
    this.registry.setDefaultLabels({ app: 'pactum-api' });
    collectDefaultMetrics({ register: this.registry });
  }
}
