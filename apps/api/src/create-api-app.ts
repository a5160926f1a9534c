import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { INestApplication } from '@nestjs/common';
import { createLogger, type AppConfig } from '@pactum/config';
import { AppModule } from './app.module';
import { registerImportBodyParsers } from './imports/import-body.parsers';
import { completeOpenApiDocument } from './openapi/openapi.decorators';
import { registerResponseHeaders } from './http/response-headers';
import { registerWebApp } from './http/web-app';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { redactUrl } from './logging/redact-url';
import { ApiMetrics } from './metrics/metrics';
import { startMetricsServer } from './metrics/metrics-access';

const BODY_LIMIT = 1024 * 1024; // JSON bodies; XML imports get their own, larger limit.

/** The OpenAPI document of the application's controllers (served at /docs/openapi.json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return completeOpenApiDocument(SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Pactum API')
    .setDescription('Contract lifecycle for B2B commerce: contracts, approvals, import/export and checkout enforcement.')
    .setVersion('1')
    .addBearerAuth()
    .build()));
}

/**
 * The OpenAPI document without starting anything: the application in Nest's preview mode (no
 * provider is instantiated, so no database or Temporal is needed). The web app's typed client is
 * generated from it (`npm run web:client`).
 */
export async function previewOpenApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

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
  await registerWebApp(fastify);

  // One structured line per request, and the Prometheus counters.
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? 'unknown';
    const seconds = reply.elapsedTime / 1000;
    metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ method: req.method, route }, seconds);
    // The line is built only when it is written (the redaction and the record cost every request otherwise).
    if (route !== '/health' && route !== '/metrics' && log.isLevelEnabled('info')) {
      log.info({ method: req.method, url: redactUrl(req.url), route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, user: (req as any).actor?.username }, 'request');
    }
    done();
  });

  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  if (config.metrics.port !== undefined) {
    const server = await startMetricsServer(config, metrics, log);
    fastify.addHook('onClose', (_instance, done) => { server.close(() => done()); });
  }
  return app;
}
