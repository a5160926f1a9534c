#!/usr/bin/env node
// After Vite's build: a brotli (.br) and a gzip (.gz) copy of each script, stylesheet and source
// map in apps/web/dist/assets, so the API sends them compressed (@fastify/static preCompressed)
// without compressing on every request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const assets = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'web', 'dist', 'assets');
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|map|svg)$/.test(name)) continue;
  const file = join(assets, name);
  const data = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
}
