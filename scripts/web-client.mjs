#!/usr/bin/env node
// The web app's typed API client: apps/web/src/api/schema.d.ts is generated from the API's OpenAPI
// document (Nest's preview mode: no server starts). `npm run web:client` writes it; with --check it
// only says whether the committed file is current (the test suite runs that). Needs `npm run build`
// first: the document comes from the compiled controllers in apps/api/dist.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, 'apps/web/src/api/schema.d.ts');
const check = process.argv.includes('--check');

// The document does not depend on the configuration's secrets; a placeholder satisfies loadConfig.
process.env.JWT_SECRET ??= 'openapi-document-placeholder-secret-0123456789';
const require = createRequire(import.meta.url);
const { loadConfig } = require(resolve(root, 'libs/config/dist/index.js'));
const { previewOpenApiDocument } = require(resolve(root, 'apps/api/dist/create-api-app.js'));

const document = await previewOpenApiDocument(loadConfig());
const header = '// Generated from the API\'s OpenAPI document by `npm run web:client`: do not edit.\n\n';
const text = header + astToString(await openapiTS(document, { alphabetize: true }));

if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    process.stderr.write('apps/web/src/api/schema.d.ts is out of date with the API\'s OpenAPI document: run `npm run web:client` and commit the result.\n');
    process.exit(1);
  }
  process.stdout.write('apps/web/src/api/schema.d.ts is current.\n');
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
