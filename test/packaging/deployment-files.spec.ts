import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { temporalServerVersion } from '@pactum/local-stack';

/**
 * docker-compose.yml is for users (no Docker engine here), so it is checked as a file: valid
 * against the Compose specification's JSON schema, and the same topology, versions, configuration
 * and schema setup as the cluster test tier runs. The images build what `npm run build` builds.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any>; [key: string]: unknown };
// The Compose specification's JSON schema (draft-07) as the dclint package ships it (its exports map hides the file).
// Its `$schema` names draft-07 by an address Ajv does not know: Ajv's default draft is draft-07.
const { $schema: _draft, ...composeSchema } = JSON.parse(read('node_modules/dclint/schemas/compose.schema.json'));
const composeValidator = () => new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(composeSchema);

describe('docker-compose.yml and the images', () => {
  it('is valid against the Compose specification JSON schema', () => {
    const validate = composeValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses a file the Compose schema does not allow (the check can fail)', () => {
    const validate = composeValidator();
    expect(validate({ ...compose, services: { ...compose.services, api: { ...compose.services.api, depends_on: { migrate: { condition: 'ready' } } } } })).toBe(false);
    expect(validate({ ...compose, service: {} })).toBe(false);
  });

  it('runs Temporal as the cluster tier does: the pinned server, its four services from one config file, the schema job first', () => {
    const version = temporalServerVersion();
    const temporal = Object.entries(compose.services).filter(([name]) => name.startsWith('temporal-') && name !== 'temporal-postgres' && name !== 'temporal-ui');
    expect(Object.fromEntries(temporal.map(([name, s]) => [name, { image: s.image, build: s.build?.context }])))
      .toEqual(Object.fromEntries(['temporal-schema', 'temporal-history', 'temporal-matching', 'temporal-frontend', 'temporal-worker']
        .map((name) => [name, { image: `pactum-temporal:${version}`, build: './deploy/temporal' }])));
    for (const service of ['frontend', 'history', 'matching', 'worker']) {
      expect(compose.services[`temporal-${service}`].command).toEqual([service]);
      expect(compose.services[`temporal-${service}`].depends_on).toMatchObject(
        service === 'worker' ? { 'temporal-frontend': { condition: 'service_started' } } : { 'temporal-schema': { condition: 'service_completed_successfully' } });
    }
    expect(compose.services['temporal-schema'].entrypoint).toEqual(['/usr/local/bin/setup-schema.sh']);
    // Every variable config.yaml and setup-schema.sh require is set for the Temporal services.
    const config = read('deploy/temporal/config.yaml');
    const required = ['TEMPORAL_DB_HOST', 'TEMPORAL_DB_USER', 'TEMPORAL_DB_PASSWORD'];
    for (const name of required) expect(config).toContain(`env "${name}"`);
    expect(Object.keys(compose.services['temporal-frontend'].environment)).toEqual(expect.arrayContaining([...required, 'TEMPORAL_FRONTEND_HOST']));
    const dockerfile = read('deploy/temporal/Dockerfile');
    expect(dockerfile).toMatch(/^COPY go\.mod go\.sum tools\.go \.\/$/m);
    expect(dockerfile).toContain('go build -trimpath -o /out/temporal-server go.temporal.io/server/cmd/server');
    expect(dockerfile).toContain('go build -trimpath -o /out/temporal-sql-tool go.temporal.io/server/cmd/tools/sql');
    expect(dockerfile).toMatch(/^COPY config\.yaml \/etc\/temporal\/config\.yaml$/m);
    expect(dockerfile).toMatch(/^COPY entrypoint\.sh setup-schema\.sh \/usr\/local\/bin\/$/m);
  });

  it('points every Pactum process at the Temporal frontend, registers the namespace before they start, and probes the API and the worker', () => {
    for (const name of ['migrate', 'api', 'worker']) expect(compose.services[name].environment.TEMPORAL_ADDRESS).toBe('temporal-frontend:7233');
    expect(compose.services.migrate.command.join(' ')).toMatch(/main\.js migrate && node apps\/cli\/dist\/main\.js temporal:namespace/);
    for (const name of ['api', 'worker']) expect(compose.services[name].depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    expect(compose.services.api.healthcheck.test.join(' ')).toContain('/health');
    expect(compose.services.worker.healthcheck.test.join(' ')).toContain(`:${compose.services.worker.environment.WORKER_HEALTH_PORT}/health/ready`);
  });

  it('has the application image build every package npm run build builds, and copy each one\'s manifest before npm ci', () => {
    const dockerfile = read('Dockerfile');
    const compiled = (JSON.parse(read('tsconfig.json').replace(/^\s*\/\/.*$/gm, '')) as { references: { path: string }[] }).references.map((r) => r.path);
    // npm run build = tsc -b over those references, then Vite builds the web app into apps/web/dist.
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toContain('npm run -s build:web');
    expect(scripts['build:web']).toMatch(/^vite build apps\/web\b/);
    const built = [...compiled, 'apps/web'];
    const workspaces = ['libs', 'apps'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}`)).concat(['workflows', 'bench', 'test']);
    for (const ws of workspaces) expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
    // The runtime copies package.json and dist/ of libs/*, workflows and apps/*: everything built but the benchmarks.
    const runtimePackages = workspaces.filter((ws) => /^(libs|apps)\//.test(ws) || ws === 'workflows');
    expect(built.filter((p) => p !== 'bench').sort()).toEqual(runtimePackages.sort());
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/for p in libs\/\* workflows apps\/\*; do mkdir -p "\/out\/\$p" && cp -r "\$p\/package\.json" "\$p\/dist" "\/out\/\$p\/"; done/);
  });
});
