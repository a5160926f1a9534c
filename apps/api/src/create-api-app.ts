import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createLogger, type AppConfig } from '@pactum/config';
import { AppModule } from './app.module';
import { registerImportBodyParsers } from './imports/import-body.parsers';
import { registerResponseHeaders } from './http/response-headers';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { redactUrl } from './logging/redact-url';
import { ApiMetrics } from './metrics/metrics';
import { startMetricsServer } from './metrics/metrics-access';

const BODY_LIMIT = 1024 * 1024; // JSON bodies; XML imports get their own, larger limit.

/** Builds the API application (used by main.ts, the `up` command and the end-to-end tests). */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const log = createLogger('api', config.logLevel);
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: true, maxParamLength: 2048 /* signed action link tokens */ });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    logger: new PinoNestLogger(log),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(ApiMetrics);
  registerImportBodyParsers(fastify);
  registerResponseHeaders(fastify);

  // One structured line per request, and the Prometheus counters.
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? 'unknown';
    const seconds = reply.elapsedTime / 1000;
    metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ method: req.method, route }, seconds);
    if (route !== '/health' && route !== '/metrics') {
      log.info({ method: req.method, url: redactUrl(req.url), route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, user: (req as any).actor?.username }, 'request');
    }
    done();
  });

  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Pactum API')
    .setDescription('Contract lifecycle for B2B commerce: contracts, approvals, import/export and checkout enforcement.')
    .setVersion('1')
    .addBearerAuth()
    .build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  if (config.metrics.port !== undefined) {
    const server = await startMetricsServer(config, metrics, log);
    fastify.addHook('onClose', (_instance, done) => { server.close(() => done()); });
  }
  return app;
}
