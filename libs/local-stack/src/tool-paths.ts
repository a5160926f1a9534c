import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ToolPaths {
  temporalCli: string;
  temporalTestServer: string;
}

/** The folder whose package.json declares the workspaces (each package has a package.json of its own). */
export function projectRoot(): string {
  let dir = resolve(__dirname);
  while (!isWorkspaceRoot(dir)) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('cannot find the project root (package.json)');
    dir = parent;
  }
  return dir;
}

function isWorkspaceRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) && Array.isArray(JSON.parse(readFileSync(manifest, 'utf8')).workspaces);
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
