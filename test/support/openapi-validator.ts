import Ajv, { type ValidateFunction } from 'ajv';

/** An OpenAPI 3.0 document, as far as the validator reads it. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

interface MediaTypes {
  content?: Record<string, { schema?: unknown }>;
}

export interface Operation {
  operationId: string;
  requestBody?: MediaTypes & { required?: boolean };
  responses: Record<string, MediaTypes>;
}

const DOC_ID = 'openapi.json';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An OpenAPI 3.0 schema as JSON Schema for Ajv: `nullable` becomes a null alternative, references
 * point into the document, and every object that lists its properties refuses any other, so a
 * property the document does not describe is an error even where the document left the object open.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, discriminator: _d, example: _e, ...rest } = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref') out.$ref = `${DOC_ID}${value as string}`;
    // Property names, not schemas, are the keys here: only their values are converted.
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonSchema(v)]));
    else out[key] = typeof value === 'object' ? toJsonSchema(value) : value;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

/** Validators for the bodies of an OpenAPI document, by operation and status. */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  private readonly compiled = new Map<unknown, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    this.ajv.addFormat('date-time', DATE_TIME);
    this.ajv.addFormat('uuid', UUID);
    this.ajv.addSchema({ $id: DOC_ID, components: { schemas: toJsonSchema(document.components.schemas) } });
  }

  /** The path template and operation a request goes to (`/api/v1/contracts/{id}` for `/api/v1/contracts/6f…`). */
  operation(method: string, url: string): { template: string; operation: Operation } {
    const path = url.split('?')[0]!;
    const candidates = Object.keys(this.document.paths)
      .filter((template) => this.document.paths[template]![method.toLowerCase()])
      .filter((template) => new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))
      // A literal segment wins over a parameter (`/inbox/approve` over `/inbox/{id}`).
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    const template = candidates[0];
    if (!template) throw new Error(`the document has no operation ${method} ${path}`);
    return { template, operation: this.document.paths[template]![method.toLowerCase()]! };
  }

  /** The problems of `value` against `schema` (a schema of the document, or a reference into it); none: []. */
  problems(schema: unknown, value: unknown): string[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(schema, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }
}
