import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort, startEmbeddedPostgres, startTemporalCluster, type RunningPostgres, type RunningTemporalCluster, type TemporalService,
} from '@pactum/local-stack';
import { createDataSource, runMigrations, seedDemoData } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const CLI_MAIN = join(REPO_ROOT, 'apps', 'cli', 'dist', 'main.js');
const FOREIGN_VARIABLES = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'JWT_SECRET', 'PUBLIC_URL', 'HOST', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE'];

/** The embedded stack a benchmark runs against: what `npm start` starts, in a throwaway data dir. */
export interface BenchStack {
  apiUrl: string;
  /** The embedded Postgres, for seeding bulk data and reading figures the API does not expose. */
  databaseUrl: string;
  temporalAddress: string;
  dataDir: string;
  /** With `cluster`: the pid of each Temporal service process. */
  temporalServices?: Record<TemporalService, number>;
  /** A bearer token for a demo user (password `demo`). */
  token(username: string): Promise<string>;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Extra environment for `up` and the processes it starts (e.g. timing knobs). */
  env?: Record<string, string>;
  /** Keep the data dir after stop (default: removed). */
  keepData?: boolean;
  /**
   * Temporal's own server instead of the dev server: its four services as separate processes
   * (libs/local-stack startTemporalCluster) on a Postgres the benchmark starts, which `up` then uses.
   */
  cluster?: boolean;
}

/**
 * Starts `node apps/cli/dist/main.js up` (embedded Postgres, Temporal dev server, migrations,
 * demo data, worker, API) on free ports and waits for its banner. The benchmark then talks to it
 * like any client: HTTP for the API, the database URL only for bulk seeding and checks.
 */
export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pactum-bench-'));
  chmodSync(dataDir, 0o755); // the embedded Postgres runs as the `postgres` user when we are root
  const [api, postgres, temporal, temporalUi] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of FOREIGN_VARIABLES) delete env[name];
  Object.assign(env, {
    PACTUM_DATA_DIR: dataDir, PORT: String(api), EMBEDDED_PG_PORT: String(postgres),
    TEMPORAL_DEV_PORT: String(temporal), TEMPORAL_UI_PORT: String(temporalUi), LOG_LEVEL: 'warn', ...options.env,
  });
  let cluster: { postgres: RunningPostgres; temporal: RunningTemporalCluster } | undefined;
  if (options.cluster) {
    process.stderr.write('[bench] starting Postgres and a Temporal cluster (frontend, history, matching, worker)…\n');
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: postgres, database: 'pactum' });
    const url = new URL(pg.url);
    const temporalCluster = await startTemporalCluster({
      postgres: { host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
      frontendPort: await freePort(),
    }).catch(async (err) => { await pg.stop(); throw err; });
    cluster = { postgres: pg, temporal: temporalCluster };
    // `up` on a given database adds no demo users: the benchmark logs in as them.
    const dataSource = await createDataSource({ url: pg.url, preparedStatements: false }).initialize();
    try {
      await runMigrations(dataSource);
      await seedDemoData(dataSource, hashPassword);
    } finally {
      await dataSource.destroy();
    }
    Object.assign(env, { DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporalCluster.address, JWT_SECRET: 'bench-secret-that-is-at-least-32-characters' });
  }
  const child = spawn(process.execPath, [CLI_MAIN, 'up'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // PACTUM_BENCH_STACK_LOG=FILE keeps the stack's own output (e.g. with PACTUM_NODE_ARGS=--trace-gc).
  const logFile = process.env.PACTUM_BENCH_STACK_LOG;
  const collect = (d: Buffer) => {
    if (logFile) appendFileSync(logFile, d);
    if (!output.includes('Pactum is running.')) output += d.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.stderr.write(`[bench] starting the embedded stack in ${dataDir}…\n`);
  await waitFor(() => output.includes('Pactum is running.'), child, () => output, 180_000);
  const apiUrl = `http://127.0.0.1:${api}`;
  const tokens = new Map<string, string>();
  return {
    apiUrl,
    databaseUrl: `postgres://postgres:pactum-embedded@127.0.0.1:${postgres}/pactum`,
    temporalAddress: cluster?.temporal.address ?? `127.0.0.1:${temporal}`,
    dataDir,
    ...(cluster ? { temporalServices: Object.fromEntries([...cluster.temporal.processes].map(([name, p]) => [name, p.pid!])) as Record<TemporalService, number> } : {}),
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await fetch(`${apiUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
      if (!res.ok) throw new Error(`token for ${username}: ${res.status} ${await res.text()}`);
      const { accessToken } = (await res.json()) as { accessToken: string };
      tokens.set(username, accessToken);
      return accessToken;
    },
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid!, 'SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(timer);
      }
      if (cluster) {
        await cluster.temporal.stop();
        await cluster.postgres.stop();
      }
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitFor(done: () => boolean, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (child.exitCode !== null) throw new Error(`\`up\` exited (${child.exitCode}) before it was ready:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`\`up\` was not ready within ${timeoutMs / 1000} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
