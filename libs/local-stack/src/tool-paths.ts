import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ToolPaths {
  temporalCli: string;
  temporalTestServer: string;
}

export function projectRoot(): string {
  // libs/local-stack/src (or dist/libs/local-stack/src) → the folder holding package.json
  let dir = resolve(__dirname);
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('cannot find the project root (package.json)');
    dir = parent;
  }
  return dir;
}

/** The pinned Temporal binaries that `scripts/bootstrap.mjs` installed under .tools/. */
export function toolPaths(): ToolPaths {
  const manifest = join(projectRoot(), '.tools', 'tools.json');
  if (!existsSync(manifest)) {
    throw new Error(`${manifest} is missing: run "npm run bootstrap" (it installs the pinned Temporal CLI and test server)`);
  }
  const paths = JSON.parse(readFileSync(manifest, 'utf8')) as ToolPaths;
  for (const p of [paths.temporalCli, paths.temporalTestServer]) {
    if (!existsSync(p)) throw new Error(`${p} is missing: run "npm run bootstrap" again`);
  }
  return paths;
}
