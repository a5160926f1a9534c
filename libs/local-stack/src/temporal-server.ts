import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Client as PgClient } from 'pg';
import { freePort } from './free-port';
import { stopChild } from './stop-child';
import { projectRoot } from './tool-paths';

const run = promisify(execFile);

/** The folder holding the pinned build module (go.mod, go.sum, tools.go), the config file and the dynamic config. */
export function temporalDeployDir(): string {
  return join(projectRoot(), 'deploy', 'temporal');
}

/** The Temporal server version go.mod pins (e.g. `1.30.8`). */
export function temporalServerVersion(): string {
  const match = /go\.temporal\.io\/server v(\S+)/.exec(readFileSync(join(temporalDeployDir(), 'go.mod'), 'utf8'));
  if (!match) throw new Error('deploy/temporal/go.mod does not require go.temporal.io/server');
  return match[1];
}

/** Where builds are kept, outside the clone, so a machine builds each pinned version once. */
export function pactumCacheDir(): string {
  return process.env.PACTUM_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pactum');
}

export interface TemporalServerBinaries {
  version: string;
  server: string;
  sqlTool: string;
}

const BUILD_FILES = ['go.mod', 'go.sum', 'tools.go'];

/**
 * The real Temporal server and its SQL schema tool, built with the machine's Go from the module
 * pinned in deploy/temporal (go.sum fixes every dependency) into the cache, once per pinned
 * version: a later call finds them there. Go is needed for this tier only.
 */
export async function ensureTemporalServer(log: (line: string) => void = () => undefined): Promise<TemporalServerBinaries> {
  const deploy = temporalDeployDir();
  const version = temporalServerVersion();
  const digest = createHash('sha256');
  for (const f of BUILD_FILES) digest.update(readFileSync(join(deploy, f)));
  const dir = join(pactumCacheDir(), `temporal-server-${version}-${digest.digest('hex').slice(0, 12)}`);
  const binaries = { version, server: join(dir, 'temporal-server'), sqlTool: join(dir, 'temporal-sql-tool') };
  if (existsSync(binaries.server) && existsSync(binaries.sqlTool)) return binaries;

  try {
    await run('go', ['version']);
  } catch {
    throw new Error('Go is needed to build the Temporal server for the cluster tier (npm run test:cluster, bench --cluster) and was not found on PATH');
  }
  mkdirSync(pactumCacheDir(), { recursive: true });
  // Built in a folder of its own and renamed into place: a build that dies half-way leaves nothing.
  const work = mkdtempSync(join(pactumCacheDir(), '.temporal-build-'));
  try {
    for (const f of BUILD_FILES) copyFileSync(join(deploy, f), join(work, f));
    mkdirSync(join(work, 'out'));
    const env = { ...process.env, GOFLAGS: '-mod=mod -buildvcs=false', CGO_ENABLED: '0' };
    for (const [name, pkg] of [['temporal-server', 'go.temporal.io/server/cmd/server'], ['temporal-sql-tool', 'go.temporal.io/server/cmd/tools/sql']]) {
      log(`building ${name} ${version} from ${pkg} (once per machine)…`);
      await run('go', ['build', '-trimpath', '-o', join(work, 'out', name), pkg], { cwd: work, env, maxBuffer: 16 * 2 ** 20 });
    }
    if (!existsSync(dir)) renameSync(join(work, 'out'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binaries;
}

export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface TemporalClusterOptions {
  /** The Postgres server that holds Temporal's two databases (created when missing). */
  postgres: { host: string; port: number; user: string; password: string };
  /** Database names: default `temporal` and `temporal_visibility`. */
  databases?: { default: string; visibility: string };
  /** The frontend's gRPC port (below 32768, see freePort); every other port is a free one. */
  frontendPort: number;
  namespace?: string;
  /** How long Temporal keeps a closed workflow's history (default 3 days). */
  retentionDays?: number;
  log?: (service: string, line: string) => void;
  startTimeoutMs?: number;
}

export interface RunningTemporalCluster {
  address: string;
  namespace: string;
  version: string;
  /** The running process of each service. */
  processes: Map<TemporalService, ChildProcess>;
  /** SIGKILL one service and start it again (its state is in Postgres). */
  restart(service: TemporalService): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Temporal's own server as in production: its default and visibility schemas set up (or upgraded)
 * in Postgres with its schema tool, then frontend, history, matching and worker as four processes
 * from deploy/temporal/config.yaml, and the namespace registered with the retention the project sets.
 */
export async function startTemporalCluster(opts: TemporalClusterOptions): Promise<RunningTemporalCluster> {
  const binaries = await ensureTemporalServer((l) => opts.log?.('build', l));
  const databases = opts.databases ?? { default: 'temporal', visibility: 'temporal_visibility' };
  const namespace = opts.namespace ?? 'default';
  await setUpTemporalSchemas(binaries, opts.postgres, databases);

  const ports: Record<string, string> = {
    TEMPORAL_FRONTEND_PORT: String(opts.frontendPort),
  };
  for (const key of ['TEMPORAL_FRONTEND_HTTP_PORT', 'TEMPORAL_FRONTEND_MEMBERSHIP_PORT', 'TEMPORAL_HISTORY_PORT', 'TEMPORAL_HISTORY_MEMBERSHIP_PORT',
    'TEMPORAL_MATCHING_PORT', 'TEMPORAL_MATCHING_MEMBERSHIP_PORT', 'TEMPORAL_WORKER_PORT', 'TEMPORAL_WORKER_MEMBERSHIP_PORT']) {
    // Free ports are not reserved: never hand the same one out twice.
    let port: string;
    do port = String(await freePort()); while (Object.values(ports).includes(port));
    ports[key] = port;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    TEMPORAL_DB_HOST: opts.postgres.host,
    TEMPORAL_DB_PORT: String(opts.postgres.port),
    TEMPORAL_DB_USER: opts.postgres.user,
    TEMPORAL_DB_PASSWORD: opts.postgres.password,
    TEMPORAL_DB: databases.default,
    TEMPORAL_VISIBILITY_DB: databases.visibility,
    TEMPORAL_DYNAMIC_CONFIG: join(temporalDeployDir(), 'dynamicconfig', 'cluster.yaml'),
    TEMPORAL_CONFIG_FILE: join(temporalDeployDir(), 'config.yaml'),
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    PATH: `${dirname(binaries.server)}${delimiter}${process.env.PATH ?? ''}`,
  };
  const processes = new Map<TemporalService, ChildProcess>();
  const tails = new Map<TemporalService, string>();
  /** The first error each service logged: its cause when it exits (the tail is mostly a stack trace). */
  const firstErrors = new Map<TemporalService, string>();
  const launch = (service: TemporalService) => {
    // deploy/temporal/entrypoint.sh, as Compose runs it (it execs the server: the child is the service).
    const child = spawn('sh', [join(temporalDeployDir(), 'entrypoint.sh'), service], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tails.set(service, ((tails.get(service) ?? '') + text).slice(-3000));
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        opts.log?.(service, line.trim());
        if (!firstErrors.has(service) && /"level":"(error|fatal)"|^Unable to create server/.test(line)) {
          const m = /"msg":"([^"]*)".*?"error":"((?:[^"\\]|\\.){0,600})/.exec(line);
          firstErrors.set(service, m ? `${m[1]}: ${m[2]}` : line.slice(0, 600));
        }
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    processes.set(service, child);
  };
  const stop = async () => {
    // Frontend first (no new calls), the history service last (it owns the shards).
    for (const s of ['frontend', 'worker', 'matching', 'history'] as const) {
      const child = processes.get(s);
      if (child) await stopChild(child, 20_000).catch(() => undefined);
    }
  };
  const address = `127.0.0.1:${opts.frontendPort}`;
  const alive = () => {
    for (const [s, child] of processes) {
      if (child.exitCode !== null) throw new Error(`Temporal's ${s} service exited (${child.exitCode}): ${firstErrors.get(s) ?? tails.get(s)?.trim().slice(-1500)}`);
    }
  };
  try {
    // Every service writes the cluster's metadata record at start if it is missing; on a fresh
    // database two doing it at once can fail one of them. The history service goes first, alone.
    launch('history');
    await waitForClusterMetadata(opts.postgres, databases.default, opts.startTimeoutMs ?? 120_000, alive);
    for (const s of ['matching', 'frontend', 'worker'] as const) launch(s);
    await ensureNamespace({
      address, namespace, retentionDays: opts.retentionDays ?? 3, timeoutMs: opts.startTimeoutMs ?? 120_000,
      checkAlive: alive,
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    address, namespace, version: binaries.version, processes,
    async restart(service) {
      const child = processes.get(service)!;
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      launch(service);
    },
    stop,
  };
}

async function waitForClusterMetadata(pg: TemporalClusterOptions['postgres'], database: string, timeoutMs: number, alive: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const client = new PgClient({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database });
  await client.connect();
  try {
    for (;;) {
      alive();
      if ((await client.query('SELECT 1 FROM cluster_metadata_info LIMIT 1')).rowCount) return;
      if (Date.now() > deadline) throw new Error(`Temporal's history service wrote no cluster metadata within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await client.end();
  }
}

/** deploy/temporal/setup-schema.sh, as Compose runs it: each step does nothing when already done. */
async function setUpTemporalSchemas(
  binaries: TemporalServerBinaries, pg: TemporalClusterOptions['postgres'], databases: { default: string; visibility: string },
): Promise<void> {
  try {
    await run('sh', [join(temporalDeployDir(), 'setup-schema.sh')], {
      env: {
        ...process.env, PATH: `${dirname(binaries.sqlTool)}${delimiter}${process.env.PATH ?? ''}`,
        TEMPORAL_DB_HOST: pg.host, TEMPORAL_DB_PORT: String(pg.port), TEMPORAL_DB_USER: pg.user, TEMPORAL_DB_PASSWORD: pg.password,
        TEMPORAL_DB: databases.default, TEMPORAL_VISIBILITY_DB: databases.visibility,
      },
      maxBuffer: 16 * 2 ** 20,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`setting up Temporal's schemas in ${databases.default} and ${databases.visibility} failed: ${(e.stderr ?? e.message).trim().slice(-1500)}`);
  }
}

export interface EnsureNamespaceOptions {
  address: string;
  namespace: string;
  /** How long Temporal keeps a closed workflow's history. */
  retentionDays: number;
  tls?: ConnectionOptions['tls'];
  timeoutMs?: number;
  /** Throws when what is being waited for can no longer come (a service exited). */
  checkAlive?: () => void;
}

/**
 * Registers the namespace with the retention the project sets, or sets that retention on the
 * namespace that exists; then waits until the frontend serves it (a new namespace reaches every
 * service with the next refresh of its namespace cache). `pactum temporal:namespace`, `up` and
 * the cluster tier use it.
 */
export async function ensureNamespace(opts: EnsureNamespaceOptions): Promise<'registered' | 'updated'> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const retention = msToTs(`${opts.retentionDays} days`);
  let outcome: 'registered' | 'updated' | undefined;
  for (;;) {
    opts.checkAlive?.();
    try {
      const connection = await Connection.connect({ address: opts.address, tls: opts.tls, connectTimeout: '1 second' });
      try {
        if (!outcome) {
          try {
            await connection.workflowService.registerNamespace({ namespace: opts.namespace, workflowExecutionRetentionPeriod: retention });
            outcome = 'registered';
          } catch (err) {
            if ((err as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw err;
            await connection.workflowService.updateNamespace({ namespace: opts.namespace, config: { workflowExecutionRetentionTtl: retention } });
            outcome = 'updated';
          }
        }
        await connection.workflowService.describeNamespace({ namespace: opts.namespace });
        await connection.workflowService.listWorkflowExecutions({ namespace: opts.namespace, pageSize: 1 });
        return outcome;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${opts.address} did not serve namespace ${opts.namespace}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
