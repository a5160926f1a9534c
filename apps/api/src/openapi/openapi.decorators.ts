import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { apiSchemas } from './api.schemas';
import { ref } from './term.schemas';

/**
 * The OpenAPI side of the routes: request and response bodies by schema name (api.schemas.ts).
 * They only describe: nothing here reaches Fastify's route schema, whose response serializer would
 * drop every property a schema leaves out.
 */

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'malformed request',
  401: 'no token, or an invalid one',
  403: 'wrong role, or outside the caller\'s organisations',
  404: 'not found',
  409: 'state conflict or limit exceeded',
  413: 'too large',
  422: 'business-rule violation',
  429: 'too many failed logins (Retry-After)',
  503: 'a dependency is unavailable, or the workflow did not answer in time',
};

type Body = string | SchemaObject;
const schemaOf = (body: Body) => (typeof body === 'string' ? ref(body) : body);

/** The JSON request body, by schema name. */
export const JsonBody = (body: Body, required = true) => ApiBody({ required, schema: schemaOf(body) });

/** A JSON answer of `status`, by schema name; an array of it with `{ array: true }`. */
export function JsonResponse(status: number, body: Body, description = 'success', options: { array?: boolean } = {}) {
  const schema = options.array ? { type: 'array', items: schemaOf(body) } : schemaOf(body);
  return ApiResponse({ status, description, content: { 'application/json': { schema } } });
}

/** A text answer (CSV, XML, Prometheus text) of `mediaType`. */
export function TextResponse(mediaType: string, description: string, status = 200) {
  return ApiResponse({ status, description, content: { [mediaType]: { schema: { type: 'string' } } } });
}

/** An empty answer (204). */
export const NoContentResponse = (description: string) => ApiResponse({ status: 204, description });

/** The error answers a route gives, each with the ErrorResponse body of API.md. */
export function ErrorResponses(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({
    status, description: ERROR_DESCRIPTIONS[status] ?? 'error', content: { 'application/json': { schema: ref('ErrorResponse') } },
  })));
}

/** What every route behind a bearer token can answer besides its own errors. */
export const AuthErrors = () => ErrorResponses(401, 403);

const TEXT_MEDIA = /^(text\/|application\/xml)/;

/**
 * Completes the document Nest built from the decorators: the named schemas, and a string for
 * every text body (a route that takes JSON or CSV names the JSON schema once, for both).
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...apiSchemas() } };
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const bodies = [operation.requestBody, ...Object.values(operation.responses ?? {})];
      for (const body of bodies) {
        const content = (body as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
        for (const [mediaType, media] of Object.entries(content ?? {})) {
          if (TEXT_MEDIA.test(mediaType)) media.schema = { type: 'string' };
        }
      }
    }
  }
  return document;
}
