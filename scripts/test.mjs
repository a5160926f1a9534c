#!/usr/bin/env node
// `npm test`: every test, in order: bootstrap, lint (the build, the tests' and the web app's types,
// ESLint), the web app's build, the main Jest run (unit and integration tiers), then the cluster
// tier (jest.cluster.config.js: Temporal's own server, built with Go). Arguments are passed to both Jest runs; `--outputFile=F` writes the
// main run's JSON to F and the cluster tier's to F with `-cluster` before its extension.
// A tier that fails does not stop the next one: every failure is reported in one run.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// A path filter may match files of one run only: the other then has nothing to run.
const args = process.argv.slice(2);
if (args.some((a) => !a.startsWith('-'))) args.push('--passWithNoTests');
const run = (cmd, argv) => spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' }).status ?? 1;
const jest = resolve(root, 'node_modules', 'jest', 'bin', 'jest.js');

if (run(process.execPath, ['scripts/bootstrap.mjs']) !== 0) process.exit(1);
if (run('npm', ['run', '-s', 'lint']) !== 0) process.exit(1);
// The browser tests load the web app the API serves from apps/web/dist.
if (run('npm', ['run', '-s', 'build:web']) !== 0) process.exit(1);
const main = run(process.execPath, [jest, ...args]);
const clusterArgs = args.map((a) => a.replace(/^(--outputFile=.*?)(\.[^./]*)?$/, (_, base, ext = '') => `${base}-cluster${ext}`));
process.stderr.write('\n[test] the cluster tier: Temporal\'s own server with two workers and two API processes\n');
const cluster = run(process.execPath, [jest, '-c', 'jest.cluster.config.js', ...clusterArgs]);
process.exit(main !== 0 || cluster !== 0 ? 1 : 0);
