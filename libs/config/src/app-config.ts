import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Configuration from the environment, validated once at start. A bad value stops the process
 * with a message naming the variable, instead of failing later in some obscure place.
 */
export interface AppConfig {
  /** Postgres connection string; unset means "the embedded default" (only the `up` command starts it). */
  databaseUrl?: string;
  /**
   * Whether connections prepare the statements they run repeatedly (DATABASE_PREPARED_STATEMENTS,
   * default on). Off behind a pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  databasePreparedStatements: boolean;
  /** retentionDays: how long Temporal keeps a closed workflow's history (the namespace setting the project applies). */
  temporal: { address?: string; namespace: string; taskQueue: string; retentionDays: number; tls?: TemporalTlsConfig };
  http: { host: string; port: number; publicUrl: string };
  /**
   * GET /metrics: on a port of its own (METRICS_PORT, on METRICS_HOST; the API port then has no
   * /metrics), and/or behind a bearer token (METRICS_TOKEN). Unset: public on the API port.
   */
  metrics: { port?: number; host: string; token?: string };
  auth: { jwtSecret?: string; tokenTtlSeconds: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  dataDir: string;
  /** How long the API waits for a workflow to accept an action before answering 503. */
  workflowAnswerTimeoutMs: number;
  /** Durations of the contract workflow's timers (new contracts take them when they are created). */
  lifecycle: {
    expiringSoonDays: number; approvalReminderMinutes: number; approvalEscalationMinutes: number;
    /** How long a deploy retries through an outage (Postgres down…) before it counts as failed. */
    deployRetryWindowMinutes: number;
  };
  /**
   * Signed approve/reject links in mail. The secret is ACTION_LINK_SECRET, or else derived from
   * JWT_SECRET (a separate HMAC key, so a link can never pass as a token or the other way round).
   */
  actionLinks: { secret?: string; ttlSeconds: number };
  /**
   * The key the API (and the worker's importer) sign workflow commands with, and the workflows
   * verify them with: WORKFLOW_COMMAND_SECRET, or else derived from JWT_SECRET.
   */
  workflowCommands: { secret?: string };
  /** Bulk XML import: largest upload (bytes), heartbeat timeout of the file activity, workflow starts at a time. */
  imports: {
    maxBytes: number; heartbeatTimeoutMs: number; workflowConcurrency: number; limits: ImportLimits;
    /** Contract currency of an imported contract whose file names none (IMPORT_DEFAULT_CURRENCY). */
    defaultCurrency: string;
    /** Longest an uploaded file is kept, whatever its job does (IMPORT_FILE_RETENTION_MINUTES). */
    fileRetentionMinutes: number;
  };
  /** The Temporal worker: workflows kept in memory between their tasks (the rest replay from history when woken). */
  worker: {
    maxCachedWorkflows: number;
    /**
     * Whether workflow threads collect a stack trace per promise, for the `__stack_trace` query
     * (`temporal workflow stack`, the Web UI's Stack Trace tab). Off by default: it costs the
     * worker a fifth of its CPU per lifecycle (WORKER_STACK_TRACES=on when debugging a stuck workflow).
     */
    stackTraces: boolean;
    /**
     * GET /health/live and /health/ready of the worker, on a small HTTP port of its own
     * (WORKER_HEALTH_PORT on WORKER_HEALTH_HOST); absent: no listener.
     */
    health?: { port: number; host: string };
  };
  /**
   * Webhook delivery: `host:port` endpoints exempt from the public-address rule, which may also use
   * plain http (WEBHOOK_ALLOWED_HOSTS, lower case); the timeout and response cap of one attempt;
   * the first retry delay (doubling, at most an hour apart) and how long a delivery is retried.
   */
  webhooks: { allowedHosts: string[]; timeoutMs: number; maxResponseBytes: number; retryBaseMs: number; retryWindowSeconds: number };
}

/**
 * TLS to the Temporal frontend (TEMPORAL_TLS_*): file paths of a client certificate and key for
 * mTLS, the CA that signed the server's certificate (else the system's), and the name the
 * server's certificate carries when it differs from the address's host.
 */
export interface TemporalTlsConfig {
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  serverName?: string;
}

/**
 * What one XML import may hold, so that no file can exhaust the worker's memory: the splitter
 * refuses more with the line where it happens (libs/xml package-splitter.ts).
 */
export interface ImportLimits {
  /** Largest single text node, attribute value, comment or tag, in characters (IMPORT_MAX_NODE_CHARS). */
  maxNodeChars: number;
  /** Largest single Account or BuyerContract, in characters (IMPORT_MAX_RECORD_CHARS). */
  maxRecordChars: number;
  /** Most elements in one Account or BuyerContract (IMPORT_MAX_RECORD_ELEMENTS). */
  maxRecordElements: number;
  /** Deepest element nesting, Package being level 1 (IMPORT_MAX_DEPTH). */
  maxDepth: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return Number(raw);
}

/** Never print credentials: user:password@ in URLs is masked in error messages. */
function redact(raw: string): string {
  return raw.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
}

function stringVar(env: Env, name: string, fallback?: string, pattern?: RegExp, hint?: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (pattern && !pattern.test(raw)) throw new ConfigError(name, `${hint ?? 'has an invalid format'} (got "${redact(raw)}")`);
  return raw;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = stringVar(env, 'DATABASE_URL', undefined, /^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL');
  const address = stringVar(env, 'TEMPORAL_ADDRESS', undefined, /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, 'must be host:port, e.g. "temporal:7233"');
  if (address !== undefined && Number(address.slice(address.lastIndexOf(':') + 1)) > 65535) throw new ConfigError('TEMPORAL_ADDRESS', `has a port above 65535 (got "${address}")`);
  const namespace = stringVar(env, 'TEMPORAL_NAMESPACE', 'default', /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/, 'must be a Temporal namespace name')!;
  const taskQueue = stringVar(env, 'TEMPORAL_TASK_QUEUE', 'pactum-contracts', /^[A-Za-z0-9._\-/]{1,200}$/, 'must be a task queue name')!;
  const tls = temporalTls(env);
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const host = stringVar(env, 'HOST', '127.0.0.1')!;
  const publicUrl = stringVar(env, 'PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, /^https?:\/\/.+/, 'must be an http(s) URL')!;
  const jwtSecret = stringVar(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  const actionLinkSecret = stringVar(env, 'ACTION_LINK_SECRET');
  if (actionLinkSecret !== undefined && actionLinkSecret.length < 32) throw new ConfigError('ACTION_LINK_SECRET', 'must be at least 32 characters');
  const workflowCommandSecret = stringVar(env, 'WORKFLOW_COMMAND_SECRET');
  if (workflowCommandSecret !== undefined && workflowCommandSecret.length < 32) throw new ConfigError('WORKFLOW_COMMAND_SECRET', 'must be at least 32 characters');
  const metricsToken = stringVar(env, 'METRICS_TOKEN');
  if (metricsToken !== undefined && (metricsToken.length < 16 || /\s/.test(metricsToken))) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters, without spaces');
  const metricsPortRaw = env.METRICS_PORT;
  const logLevel = stringVar(env, 'LOG_LEVEL', 'info', /^(fatal|error|warn|info|debug|trace)$/, 'must be one of fatal, error, warn, info, debug, trace') as AppConfig['logLevel'];
  return {
    databaseUrl,
    databasePreparedStatements: stringVar(env, 'DATABASE_PREPARED_STATEMENTS', 'on', /^(on|off)$/, 'must be "on" or "off"') === 'on',
    temporal: { address, namespace, taskQueue, retentionDays: intVar(env, 'TEMPORAL_RETENTION_DAYS', 30, 1, 3650), ...(tls ? { tls } : {}) },
    http: { host, port, publicUrl: publicUrl.replace(/\/$/, '') },
    metrics: {
      ...(metricsPortRaw !== undefined && metricsPortRaw !== '' ? { port: intVar(env, 'METRICS_PORT', 0, 1, 65535) } : {}),
      host: stringVar(env, 'METRICS_HOST', '127.0.0.1')!,
      ...(metricsToken !== undefined ? { token: metricsToken } : {}),
    },
    auth: { jwtSecret, tokenTtlSeconds: intVar(env, 'TOKEN_TTL_SECONDS', 3600, 60, 7 * 24 * 3600) },
    logLevel,
    dataDir: stringVar(env, 'PACTUM_DATA_DIR', '.data')!,
    workflowAnswerTimeoutMs: intVar(env, 'WORKFLOW_ANSWER_TIMEOUT_MS', 15000, 100, 300000),
    lifecycle: {
      expiringSoonDays: intVar(env, 'EXPIRING_SOON_DAYS', 30, 0, 3650),
      approvalReminderMinutes: intVar(env, 'APPROVAL_REMINDER_MINUTES', 48 * 60, 0, 365 * 24 * 60),
      approvalEscalationMinutes: intVar(env, 'APPROVAL_ESCALATION_MINUTES', 120 * 60, 0, 365 * 24 * 60),
      deployRetryWindowMinutes: intVar(env, 'DEPLOY_RETRY_WINDOW_MINUTES', 6 * 60, 1, 30 * 24 * 60),
    },
    actionLinks: {
      secret: actionLinkSecret ?? (jwtSecret ? createHmac('sha256', jwtSecret).update('pactum action links v1').digest('base64url') : undefined),
      ttlSeconds: intVar(env, 'ACTION_LINK_TTL_SECONDS', 72 * 3600, 60, 90 * 24 * 3600),
    },
    workflowCommands: {
      secret: workflowCommandSecret ?? (jwtSecret ? createHmac('sha256', jwtSecret).update('pactum workflow commands v1').digest('base64url') : undefined),
    },
    imports: {
      maxBytes: intVar(env, 'IMPORT_MAX_BYTES', 1024 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
      heartbeatTimeoutMs: intVar(env, 'IMPORT_HEARTBEAT_TIMEOUT_MS', 30_000, 1000, 3_600_000),
      workflowConcurrency: intVar(env, 'IMPORT_WORKFLOW_CONCURRENCY', 32, 1, 256),
      limits: {
        maxNodeChars: intVar(env, 'IMPORT_MAX_NODE_CHARS', 1024 * 1024, 1024, 256 * 1024 * 1024),
        maxRecordChars: intVar(env, 'IMPORT_MAX_RECORD_CHARS', 16 * 1024 * 1024, 4096, 1024 * 1024 * 1024),
        maxRecordElements: intVar(env, 'IMPORT_MAX_RECORD_ELEMENTS', 250_000, 100, 100_000_000),
        maxDepth: intVar(env, 'IMPORT_MAX_DEPTH', 32, 8, 256),
      },
      defaultCurrency: stringVar(env, 'IMPORT_DEFAULT_CURRENCY', 'USD', /^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as USD')!,
      fileRetentionMinutes: intVar(env, 'IMPORT_FILE_RETENTION_MINUTES', 24 * 60, 1, 365 * 24 * 60),
    },
    worker: {
      // The SDK's default grows with the heap limit (thousands on a big machine), and every cached
      // contract workflow holds memory; a contract sleeps for months between its tasks, so a
      // replay from its short history when a timer fires costs little.
      maxCachedWorkflows: intVar(env, 'WORKER_MAX_CACHED_WORKFLOWS', 64, 10, 100_000),
      stackTraces: stringVar(env, 'WORKER_STACK_TRACES', 'off', /^(on|off)$/, 'must be "on" or "off"') === 'on',
      ...(env.WORKER_HEALTH_PORT ? {
        health: { port: intVar(env, 'WORKER_HEALTH_PORT', 0, 1, 65535), host: stringVar(env, 'WORKER_HEALTH_HOST', '127.0.0.1')! },
      } : {}),
    },
    webhooks: {
      allowedHosts: allowedHosts(env),
      timeoutMs: intVar(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      maxResponseBytes: intVar(env, 'WEBHOOK_MAX_RESPONSE_BYTES', 64 * 1024, 0, 16 * 1024 * 1024),
      retryBaseMs: intVar(env, 'WEBHOOK_RETRY_BASE_MS', 5_000, 10, 3_600_000),
      retryWindowSeconds: intVar(env, 'WEBHOOK_RETRY_WINDOW_SECONDS', 3 * 24 * 3600, 1, 30 * 24 * 3600),
    },
  };
}

/** WEBHOOK_ALLOWED_HOSTS: comma-separated `host:port` (IPv6 in brackets), normalised to lower case. */
function allowedHosts(env: Env): string[] {
  const raw = env.WEBHOOK_ALLOWED_HOSTS;
  if (!raw?.trim()) return [];
  return raw.split(',').map((e) => e.trim()).filter(Boolean).map((entry) => {
    const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new ConfigError('WEBHOOK_ALLOWED_HOSTS', `must be comma-separated host:port entries (got "${entry}")`);
    return `${m[1]!.toLowerCase()}:${Number(m[2])}`;
  });
}

function temporalTls(env: Env): TemporalTlsConfig | undefined {
  const tls: TemporalTlsConfig = {
    certPath: stringVar(env, 'TEMPORAL_TLS_CERT'),
    keyPath: stringVar(env, 'TEMPORAL_TLS_KEY'),
    caPath: stringVar(env, 'TEMPORAL_TLS_CA'),
    serverName: stringVar(env, 'TEMPORAL_TLS_SERVER_NAME', undefined, /^[A-Za-z0-9.-]{1,253}$/, 'must be a host name'),
  };
  if ((tls.certPath === undefined) !== (tls.keyPath === undefined)) {
    throw new ConfigError(tls.certPath === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY', 'must be set together with ' + (tls.certPath === undefined ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'));
  }
  const on = stringVar(env, 'TEMPORAL_TLS', undefined, /^(on|off)$/, 'must be "on" or "off"');
  if (on === 'off' && Object.values(tls).some((v) => v !== undefined)) throw new ConfigError('TEMPORAL_TLS', 'is "off" but TEMPORAL_TLS_* settings are set');
  if (on !== 'on' && Object.values(tls).every((v) => v === undefined)) return undefined;
  return Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== undefined)) as TemporalTlsConfig;
}

/**
 * The `tls` option of a Temporal connection (client or worker): undefined for plaintext, else the
 * files read now, so a missing or unreadable file stops the process at start, naming its variable.
 */
export function temporalTlsOptions(config: AppConfig):
  | undefined
  | { serverNameOverride?: string; serverRootCACertificate?: Buffer; clientCertPair?: { crt: Buffer; key: Buffer } } {
  const tls = config.temporal.tls;
  if (!tls) return undefined;
  const read = (variable: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(variable, `names a file that cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${path})`);
    }
  };
  return {
    ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
    ...(tls.caPath ? { serverRootCACertificate: read('TEMPORAL_TLS_CA', tls.caPath) } : {}),
    ...(tls.certPath && tls.keyPath ? { clientCertPair: { crt: read('TEMPORAL_TLS_CERT', tls.certPath), key: read('TEMPORAL_TLS_KEY', tls.keyPath) } } : {}),
  };
}

/** The API and the worker run against real services: each must be named explicitly. */
export function requireDatabaseUrl(config: AppConfig): string {
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', 'is required (e.g. postgres://pactum:pactum@localhost:5432/pactum); `npm start` sets it for the embedded default');
  return config.databaseUrl;
}

export function requireTemporalAddress(config: AppConfig): string {
  if (!config.temporal.address) throw new ConfigError('TEMPORAL_ADDRESS', 'is required (e.g. localhost:7233); `npm start` sets it for the embedded default');
  return config.temporal.address;
}

export function requireActionLinkSecret(config: AppConfig): string {
  if (!config.actionLinks.secret) throw new ConfigError('ACTION_LINK_SECRET', 'is required (at least 32 characters), or set JWT_SECRET to derive it; `npm start` sets one for the embedded default');
  return config.actionLinks.secret;
}

export function requireWorkflowCommandSecret(config: AppConfig): string {
  if (!config.workflowCommands.secret) throw new ConfigError('WORKFLOW_COMMAND_SECRET', 'is required (at least 32 characters), or set JWT_SECRET to derive it; `npm start` generates one for the embedded default');
  return config.workflowCommands.secret;
}

export function requireJwtSecret(config: AppConfig): string {
  if (!config.auth.jwtSecret) throw new ConfigError('JWT_SECRET', 'is required (at least 32 characters); `npm start` generates one for the embedded default');
  return config.auth.jwtSecret;
}
