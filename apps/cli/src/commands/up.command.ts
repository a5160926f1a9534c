import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger, loadConfig } from '@pactum/config';
import { DEMO_USERS, createDataSource, runMigrations, seedDemoData } from '@pactum/persistence';
import { ensureNamespace, isPortFree, sqlitePragmasFrom, startEmbeddedPostgres, startTemporalDevServer, type RunningPostgres, type RunningTemporal } from '@pactum/local-stack';
import { hashPassword } from '@pactum/security';
import { SupervisedProcess } from './supervised-process';
import { SupervisedService } from './supervised-service';

const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const TEMPORAL_DEV_PORT = Number(process.env.TEMPORAL_DEV_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

/**
 * The worker's memory settings (PACTUM_WORKER_NODE_ARGS and the MALLOC_ variables replace them).
 * Measured on a 10,000-contract import, these were more than half of the worker's peak RSS:
 * - V8 lets a heap grow to several times its live size before a full collection. 50% growth: at
 *   25% the worker's old generation (60-70 MiB live during an import) was collected about four
 *   times as often, 3 s of full collections per benchmark run instead of 1 s, for 13 MiB less peak;
 * - each of the worker's three V8 isolates (main thread, workflow thread, xmllint's thread) keeps
 *   a young generation of up to 32 MiB (two 16 MiB semi-spaces). Semi-spaces of 8 MiB keep the
 *   import's peak about 30 MiB lower; 4 MiB ones saved about 25 MiB more, but the parser's
 *   scavenges then took a sixth of the import's worker CPU (BENCHMARKS.md, Import);
 * - glibc gives each thread (Temporal core, workflow thread, xmllint) its own malloc arena;
 * - glibc raises its mmap threshold after a large buffer is freed, so later multi-MiB buffers
 *   (pg statements, file parts) come from the heap, which then stays fragmented and large.
 */
const WORKER_NODE_ARGS = '--heap-growing-percent=50 --max-semi-space-size=8';
/** glibc's malloc settings of the API and the worker (see above). */
const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: String(128 * 1024) };
/**
 * The API's Node flags (PACTUM_API_NODE_ARGS replaces them): its checkout snapshot holds every
 * deployed offer, and while a bulk import deploys thousands of contracts it loads and compiles
 * them in batches. With V8's default heap growth the garbage of those loads piled up on top of
 * the snapshot until the next full collection: over the benchmark's import the API peaked at
 * 280–330 MiB, and at about 210 MiB with these.
 */
const API_NODE_ARGS = '--heap-growing-percent=25';

/** A random secret generated once and kept in `.data/<name>` (mode 0600). */
function generatedSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000} s (${last})`);
}

/**
 * Bundles the workflow code into `out` in a child process. The worker then loads the bundle and
 * never loads webpack: bundling in the worker itself kept webpack's modules (about 60 MiB of
 * heap, code and source) for the life of the process.
 */
function bundleWorkflows(appsDir: string, out: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(appsDir, 'worker', 'dist', 'bundle-workflows.js'), out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (d: Buffer) => { errors += d.toString('utf8'); });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`bundling the workflows failed (exit ${code}): ${errors.trim()}`))));
  });
}

/**
 * `npm start`: the whole system on the embedded default. Postgres under .data/ unless
 * DATABASE_URL is set, the Temporal dev server persisted under .data/ unless TEMPORAL_ADDRESS is
 * set, migrations, demo data (embedded default only), then the worker and the API. Ctrl-C stops
 * everything in order; the next start reuses .data/ and running contracts carry on.
 */
export async function upCommand(): Promise<number> {
  const config = loadConfig();
  const log = createLogger('up', config.logLevel);
  const say = (line: string) => process.stderr.write(`[pactum] ${line}\n`);
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });

  let postgres: SupervisedService<RunningPostgres> | undefined;
  let temporal: RunningTemporal | undefined;
  let temporalServer: SupervisedService<RunningTemporal> | undefined;
  const children: SupervisedProcess[] = [];
  let stopping: Promise<void> | undefined;
  // A server of ours that died and cannot be brought back: stop everything, loudly.
  const giveUp = (reason: string) => {
    say(`${reason}. Stopping Pactum: without it the API and the worker cannot work. See the log above, then run "npm start" again.`);
    void stopAll().then(() => process.exit(1));
  };

  const stopAll = () => (stopping ??= (async () => {
    say('stopping: API, worker (draining), Temporal, Postgres…');
    for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
    await temporalServer?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    say('stopped. Data is kept under ' + dataDir);
  })());
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal} received`);
    stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed terminal: its servers and processes run in process groups of their own, so `up` stops them.
  process.on('SIGHUP', onSignal);
  // Nobody may be reading any more (a closed terminal, a pipe whose reader exited): a line that
  // cannot be written must not end `up` before it has stopped what it started.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

  const appsDir = resolve(__dirname, '..', '..', '..'); // apps/cli/dist/commands → apps
  // Runs while Postgres and Temporal start; PACTUM_WORKFLOW_BUNDLE (a prebuilt bundle) skips it.
  const bundlePath = process.env.PACTUM_WORKFLOW_BUNDLE ?? join(dataDir, 'workflow-bundle.js');
  const bundled = process.env.PACTUM_WORKFLOW_BUNDLE ? Promise.resolve() : bundleWorkflows(appsDir, bundlePath);
  bundled.catch(() => undefined); // awaited below, after the servers started
  try {
    let databaseUrl = config.databaseUrl;
    const embeddedDatabase = !databaseUrl;
    if (embeddedDatabase) {
      say(`starting embedded Postgres (data in ${join(dataDir, 'postgres')}, port ${EMBEDDED_PG_PORT})…`);
      postgres = new SupervisedService('Postgres', () => startEmbeddedPostgres({
        dataDir: join(dataDir, 'postgres'), port: EMBEDDED_PG_PORT, database: 'pactum', log: (l) => log.debug({ postgres: l }),
      }), say, giveUp);
      databaseUrl = (await postgres.start()).url;
    }
    let temporalAddress = config.temporal.address;
    if (!temporalAddress) {
      if (!(await isPortFree(TEMPORAL_DEV_PORT))) throw new Error(`port ${TEMPORAL_DEV_PORT} is taken: is another Temporal server running? Set TEMPORAL_ADDRESS to use it, or TEMPORAL_DEV_PORT to move ours.`);
      say(`starting the Temporal dev server (state in ${join(dataDir, 'temporal.db')}, port ${TEMPORAL_DEV_PORT})…`);
      temporalServer = new SupervisedService('the Temporal dev server', () => startTemporalDevServer({
        dbFile: join(dataDir, 'temporal.db'), port: TEMPORAL_DEV_PORT, uiPort: TEMPORAL_UI_PORT, namespace: config.temporal.namespace, log: (l) => log.debug({ temporal: l }),
        sqlitePragmas: sqlitePragmasFrom(process.env.TEMPORAL_DEV_SQLITE_PRAGMAS),
      }), say, giveUp);
      temporal = await temporalServer.start();
      temporalAddress = temporal.address;
      // The dev server's namespace keeps closed histories a day; the project's retention applies here too.
      await ensureNamespace({ address: temporalAddress, namespace: config.temporal.namespace, retentionDays: config.temporal.retentionDays });
    }

    const dataSource = await createDataSource({ url: databaseUrl!, applicationName: 'pactum-up', preparedStatements: false }).initialize();
    try {
      const applied = await runMigrations(dataSource);
      say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
      if (embeddedDatabase) await seedDemoData(dataSource, hashPassword);
    } finally {
      await dataSource.destroy();
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      JWT_SECRET: config.auth.jwtSecret ?? generatedSecret(dataDir, 'jwt-secret'),
      // The API signs workflow commands with it and the worker's workflows verify them: one value for both.
      WORKFLOW_COMMAND_SECRET: process.env.WORKFLOW_COMMAND_SECRET || generatedSecret(dataDir, 'workflow-command-secret'),
      PACTUM_WORKFLOW_BUNDLE: bundlePath,
    };
    await bundled;
    const worker = new SupervisedProcess('worker', join(appsDir, 'worker', 'dist', 'main.js'),
      { ...MALLOC_ENV, ...env, PACTUM_COMPONENT: 'worker' }, say,
      (process.env.PACTUM_WORKER_NODE_ARGS ?? WORKER_NODE_ARGS).split(/\s+/).filter(Boolean));
    const api = new SupervisedProcess('api', join(appsDir, 'api', 'dist', 'main.js'), { ...MALLOC_ENV, ...env, PACTUM_COMPONENT: 'api' }, say,
      (process.env.PACTUM_API_NODE_ARGS ?? API_NODE_ARGS).split(/\s+/).filter(Boolean));
    children.push(worker, api);
    worker.start();
    api.start();
    await waitForHealth(config.http.publicUrl, 90_000);

    const url = config.http.publicUrl;
    const lines = [
      '',
      'Pactum is running.',
      `  API             ${url}/api/v1`,
      `  OpenAPI docs    ${url}/docs`,
      `  Approval inbox  ${url}/inbox`,
      `  Health          ${url}/health      Metrics ${url}/metrics`,
      temporal?.uiUrl ? `  Temporal Web UI ${temporal.uiUrl}` : `  Temporal        ${temporalAddress} (namespace ${config.temporal.namespace})`,
      `  Processes       worker pid ${worker.pid}, api pid ${api.pid} (restarted if they die)`,
      ...(embeddedDatabase ? ['', 'Demo logins (password "demo"):', ...DEMO_USERS.map((u) => `  ${u.username.padEnd(11)} ${u.roles.join(', ')}`)] : []),
      '',
      'Press Ctrl-C to stop. Data stays in ' + dataDir,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
    await new Promise(() => undefined); // runs until a signal arrives
    return 0;
  } catch (err) {
    say(`could not start: ${(err as Error).message}`);
    await stopAll();
    return 1;
  }
}
