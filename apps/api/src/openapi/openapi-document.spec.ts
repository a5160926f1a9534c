import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@pactum/config';
import { AppModule } from '../app.module';
import { CHECKOUT_EVALUATION_SCHEMA } from '../checkout/checkout-evaluation.schema';
import { toOpenApi30 } from './api.schemas';
import { completeOpenApiDocument } from './openapi.decorators';

/** Every `$ref` in a value, with where it was found. */
function refsIn(value: unknown, at: string, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => refsIn(v, `${at}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push([at, v]);
      else refsIn(v, `${at}.${k}`, out);
    }
  }
  return out;
}

type Media = Record<string, { schema?: { $ref?: string; type?: string; items?: { $ref?: string } } }>;

describe('the OpenAPI document', () => {
  let doc: OpenAPIObject;
  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

  // As previewOpenApiDocument builds it (create-api-app.ts also loads the web app's static files,
  // an ES module Jest cannot require): the controllers in Nest's preview mode, nothing started.
  beforeAll(async () => {
    const app = await NestFactory.create(AppModule.forConfig(loadConfig({ JWT_SECRET: 'x'.repeat(40) })), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
    doc = completeOpenApiDocument(SwaggerModule.createDocument(app, new DocumentBuilder().build()));
    await app.close();
  });

  it('names a schema for every JSON body, request and answer, and a string for every text body', () => {
    const vague: string[] = [];
    for (const { key, op } of operations()) {
      const bodies: [string, Media | undefined][] = [['request', op.requestBody?.content], ...Object.entries(op.responses ?? {}).map(([s, r]) => [s, (r as { content?: Media }).content] as [string, Media | undefined])];
      for (const [which, content] of bodies) {
        for (const [mediaType, { schema }] of Object.entries(content ?? {})) {
          const named = schema?.$ref ?? schema?.items?.$ref;
          if (mediaType === 'application/json' ? !named : schema?.type !== 'string') vague.push(`${key} ${which} ${mediaType}`);
        }
      }
      if (!Object.keys(op.responses ?? {}).some((s) => s.startsWith('2'))) vague.push(`${key}: no success answer`);
    }
    expect(vague).toEqual([]);
  });

  it('resolves every reference to a schema it holds', () => {
    const schemas = doc.components?.schemas ?? {};
    const dangling = refsIn(doc, '#').filter(([, ref]) => !schemas[ref.replace('#/components/schemas/', '')]);
    expect(dangling).toEqual([]);
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Contract', 'ContractPage', 'Term', 'HistoryEntry', 'ImportJob', 'InboxItem', 'InboxDetail', 'Delegation', 'Webhook', 'CheckoutEvaluation', 'ErrorResponse']));
  });

  it('documents the error body of API.md for the error answers', () => {
    const errors = operations().flatMap(({ key, op }) => Object.entries(op.responses ?? {}).filter(([s]) => /^4/.test(s)).map(([s, r]) => [`${key} ${s}`, (r as { content?: Media }).content?.['application/json']?.schema?.$ref]));
    expect(errors.length).toBeGreaterThan(100);
    expect(errors.filter(([, ref]) => ref !== '#/components/schemas/ErrorResponse')).toEqual([]);
  });

  it('says nullable in OpenAPI 3.0 words where the checkout serializer schema says null', () => {
    const converted = toOpenApi30(CHECKOUT_EVALUATION_SCHEMA) as { properties: Record<string, any>; additionalProperties: boolean };
    expect(converted.additionalProperties).toBe(false);
    expect(converted.properties.shipping).toMatchObject({ type: 'object', nullable: true, additionalProperties: false });
    expect(converted.properties.violations.items.properties.lineIndex).toEqual({ type: 'integer', nullable: true });
    expect(JSON.stringify(converted)).not.toContain('"null"');
  });
});
