import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The production image installs no test tooling: its node_modules come from a stage that prunes
 * devDependencies, and `npm prune --omit=dev` drops exactly the lockfile entries marked `dev`.
 */
const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

const TEST_ONLY = [
  'jest', '@swc/jest', '@types/jest', 'smtp-server', '@types/smtp-server', 'playwright-core',
  '@temporalio/testing', '@nestjs/testing', 'eslint', 'typescript-eslint', 'typescript', 'dclint',
];

describe('production dependencies', () => {
  it('declares every test-only package as a devDependency, never as a dependency', () => {
    for (const name of TEST_ONLY) {
      expect({ name, runtime: name in (manifest.dependencies ?? {}), dev: name in (manifest.devDependencies ?? {}) })
        .toEqual({ name, runtime: false, dev: true });
    }
  });

  it('has the lockfile mark each test-only package dev-only, so npm prune --omit=dev removes it with everything it pulls in', () => {
    for (const name of TEST_ONLY) {
      expect({ name, dev: lock.packages[`node_modules/${name}`]?.dev }).toEqual({ name, dev: true });
    }
    // Nothing a runtime dependency needs is marked dev: the lockfile is consistent with package.json.
    for (const name of Object.keys(manifest.dependencies)) {
      expect({ name, dev: lock.packages[`node_modules/${name}`]?.dev ?? false }).toEqual({ name, dev: false });
    }
  });

  it('builds the runtime image from node_modules pruned of devDependencies and copies no sources or tests', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1).map((s) => ({ name: s.match(/ AS (\S+)/)?.[1], body: s }));
    const runtime = stages.find((s) => s.name === 'runtime')!;
    const prodDeps = stages.find((s) => s.name === 'prod-deps')!;
    expect(prodDeps.body).toMatch(/npm prune --omit=dev/);
    const copies = runtime.body.split('\n').filter((l) => l.startsWith('COPY'));
    expect(copies).toEqual([
      'COPY --from=prod-deps /app/node_modules ./node_modules',
      'COPY --from=build /out ./',
    ]);
    // /out holds each package's manifest and dist/, the templates, the XSDs and the workflow bundle.
    const build = stages.find((s) => s.name === 'build')!.body;
    expect(build).toMatch(/cp -r "\$p\/package\.json" "\$p\/dist" "\/out\/\$p\/"/);
    expect(build).not.toMatch(/cp -r[^\n]*\btest\b/);
  });
});
