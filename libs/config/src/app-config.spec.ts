import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError, loadConfig, requireDatabaseUrl, requireJwtSecret, requireTemporalAddress, requireWorkflowCommandSecret, temporalTlsOptions, type AppConfig,
} from './app-config';

const SECRET_32 = 'x'.repeat(32);

/** The ConfigError that loading this environment throws; fails the test if it loads. */
function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has a default for everything', () => {
    expect(loadConfig({})).toEqual<AppConfig>({
      databaseUrl: undefined,
      databasePreparedStatements: true,
      temporal: { address: undefined, namespace: 'default', taskQueue: 'pactum-contracts', retentionDays: 30 },
      http: { host: '127.0.0.1', port: 3000, publicUrl: 'http://127.0.0.1:3000' },
      metrics: { host: '127.0.0.1' },
      auth: { jwtSecret: undefined, tokenTtlSeconds: 3600 },
      logLevel: 'info',
      dataDir: '.data',
      workflowAnswerTimeoutMs: 15000,
      lifecycle: { expiringSoonDays: 30, approvalReminderMinutes: 2880, approvalEscalationMinutes: 7200, deployRetryWindowMinutes: 360 },
      actionLinks: { secret: undefined, ttlSeconds: 259200 },
      workflowCommands: { secret: undefined },
      imports: {
        maxBytes: 1024 * 1024 * 1024, heartbeatTimeoutMs: 30000, workflowConcurrency: 32,
        limits: { maxNodeChars: 1024 * 1024, maxRecordChars: 16 * 1024 * 1024, maxRecordElements: 250_000, maxDepth: 32 },
        defaultCurrency: 'USD', fileRetentionMinutes: 1440,
      },
      worker: { maxCachedWorkflows: 64, stackTraces: false },
      webhooks: { allowedHosts: [], timeoutMs: 10000, maxResponseBytes: 65536, retryBaseMs: 5000, retryWindowSeconds: 259200 },
    });
  });

  it('treats empty variables as unset', () => {
    const env = Object.fromEntries([
      'DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'PORT', 'HOST', 'PUBLIC_URL', 'METRICS_PORT', 'METRICS_HOST', 'METRICS_TOKEN',
      'JWT_SECRET', 'LOG_LEVEL', 'TOKEN_TTL_SECONDS', 'PACTUM_DATA_DIR', 'WORKFLOW_ANSWER_TIMEOUT_MS',
      'EXPIRING_SOON_DAYS', 'APPROVAL_REMINDER_MINUTES', 'APPROVAL_ESCALATION_MINUTES', 'DEPLOY_RETRY_WINDOW_MINUTES', 'ACTION_LINK_SECRET', 'ACTION_LINK_TTL_SECONDS',
      'IMPORT_MAX_BYTES', 'IMPORT_HEARTBEAT_TIMEOUT_MS', 'IMPORT_WORKFLOW_CONCURRENCY', 'WORKER_MAX_CACHED_WORKFLOWS', 'WORKER_STACK_TRACES', 'DATABASE_PREPARED_STATEMENTS',
      'WORKER_HEALTH_PORT', 'WORKER_HEALTH_HOST', 'TEMPORAL_RETENTION_DAYS', 'WORKFLOW_COMMAND_SECRET', 'TEMPORAL_TLS', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_SERVER_NAME',
    ].map((name) => [name, '']));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it('reads every variable', () => {
    expect(loadConfig({
      DATABASE_URL: 'postgresql://pactum:pactum@db:5432/pactum',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'pactum-prod',
      TEMPORAL_RETENTION_DAYS: '7',
      TEMPORAL_TASK_QUEUE: 'contracts/v2',
      PORT: '8080',
      METRICS_PORT: '9464',
      METRICS_HOST: '0.0.0.0',
      METRICS_TOKEN: 'm'.repeat(20),
      HOST: '10.0.0.5',
      PUBLIC_URL: 'https://pactum.example.com/',
      JWT_SECRET: SECRET_32,
      LOG_LEVEL: 'debug',
      TOKEN_TTL_SECONDS: '600',
      PACTUM_DATA_DIR: '/var/lib/pactum',
      WORKFLOW_ANSWER_TIMEOUT_MS: '5000',
      EXPIRING_SOON_DAYS: '14',
      APPROVAL_REMINDER_MINUTES: '60',
      APPROVAL_ESCALATION_MINUTES: '0',
      DEPLOY_RETRY_WINDOW_MINUTES: '90',
      ACTION_LINK_SECRET: 'a'.repeat(40),
      ACTION_LINK_TTL_SECONDS: '3600',
      WORKFLOW_COMMAND_SECRET: 'w'.repeat(40),
      TEMPORAL_TLS_CERT: '/etc/pactum/temporal-client.pem',
      TEMPORAL_TLS_KEY: '/etc/pactum/temporal-client.key',
      TEMPORAL_TLS_CA: '/etc/pactum/temporal-ca.pem',
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal.example.com',
      IMPORT_MAX_BYTES: '2048',
      IMPORT_HEARTBEAT_TIMEOUT_MS: '5000',
      IMPORT_WORKFLOW_CONCURRENCY: '4',
      IMPORT_MAX_NODE_CHARS: '65536',
      IMPORT_MAX_RECORD_CHARS: '1048576',
      IMPORT_MAX_RECORD_ELEMENTS: '5000',
      IMPORT_MAX_DEPTH: '16',
      IMPORT_DEFAULT_CURRENCY: 'EUR',
      IMPORT_FILE_RETENTION_MINUTES: '90',
      WORKER_MAX_CACHED_WORKFLOWS: '1000',
      WORKER_STACK_TRACES: 'on',
      WORKER_HEALTH_PORT: '9091',
      WORKER_HEALTH_HOST: '0.0.0.0',
      DATABASE_PREPARED_STATEMENTS: 'off',
      WEBHOOK_ALLOWED_HOSTS: 'Receiver.Internal:8443, 127.0.0.1:9000,[::1]:80',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_MAX_RESPONSE_BYTES: '1024',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_RETRY_WINDOW_SECONDS: '60',
    })).toEqual<AppConfig>({
      databaseUrl: 'postgresql://pactum:pactum@db:5432/pactum',
      databasePreparedStatements: false,
      temporal: {
        address: 'temporal:7233', namespace: 'pactum-prod', taskQueue: 'contracts/v2', retentionDays: 7,
        tls: { certPath: '/etc/pactum/temporal-client.pem', keyPath: '/etc/pactum/temporal-client.key', caPath: '/etc/pactum/temporal-ca.pem', serverName: 'temporal.internal.example.com' },
      },
      http: { host: '10.0.0.5', port: 8080, publicUrl: 'https://pactum.example.com' },
      metrics: { port: 9464, host: '0.0.0.0', token: 'm'.repeat(20) },
      auth: { jwtSecret: SECRET_32, tokenTtlSeconds: 600 },
      logLevel: 'debug',
      dataDir: '/var/lib/pactum',
      workflowAnswerTimeoutMs: 5000,
      lifecycle: { expiringSoonDays: 14, approvalReminderMinutes: 60, approvalEscalationMinutes: 0, deployRetryWindowMinutes: 90 },
      actionLinks: { secret: 'a'.repeat(40), ttlSeconds: 3600 },
      workflowCommands: { secret: 'w'.repeat(40) },
      imports: {
        maxBytes: 2048, heartbeatTimeoutMs: 5000, workflowConcurrency: 4,
        limits: { maxNodeChars: 65536, maxRecordChars: 1048576, maxRecordElements: 5000, maxDepth: 16 },
        defaultCurrency: 'EUR', fileRetentionMinutes: 90,
      },
      worker: { maxCachedWorkflows: 1000, stackTraces: true, health: { port: 9091, host: '0.0.0.0' } },
      webhooks: { allowedHosts: ['receiver.internal:8443', '127.0.0.1:9000', '[::1]:80'], timeoutMs: 2000, maxResponseBytes: 1024, retryBaseMs: 100, retryWindowSeconds: 60 },
    });
  });

  it('derives the action link secret from JWT_SECRET when ACTION_LINK_SECRET is unset, never equal to it', () => {
    const derived = loadConfig({ JWT_SECRET: SECRET_32 }).actionLinks.secret;
    expect(derived).toHaveLength(43);
    expect(derived).not.toBe(SECRET_32);
    expect(loadConfig({ JWT_SECRET: SECRET_32 }).actionLinks.secret).toBe(derived);
    expect(loadConfig({ JWT_SECRET: 'y'.repeat(32) }).actionLinks.secret).not.toBe(derived);
    expect(configErrorOf(() => loadConfig({ ACTION_LINK_SECRET: 'short' })).variable).toBe('ACTION_LINK_SECRET');
  });

  it('derives the workflow command secret from JWT_SECRET when WORKFLOW_COMMAND_SECRET is unset, apart from the JWT and action-link keys', () => {
    const derived = loadConfig({ JWT_SECRET: SECRET_32 }).workflowCommands.secret;
    expect(derived).toHaveLength(43);
    expect(derived).not.toBe(SECRET_32);
    expect(derived).not.toBe(loadConfig({ JWT_SECRET: SECRET_32 }).actionLinks.secret);
    expect(loadConfig({ JWT_SECRET: SECRET_32 }).workflowCommands.secret).toBe(derived);
    expect(loadConfig({ JWT_SECRET: SECRET_32, WORKFLOW_COMMAND_SECRET: 'w'.repeat(32) }).workflowCommands.secret).toBe('w'.repeat(32));
    expect(configErrorOf(() => loadConfig({ WORKFLOW_COMMAND_SECRET: 'short-secret' })).variable).toBe('WORKFLOW_COMMAND_SECRET');
    expect(configErrorOf(() => loadConfig({ WORKFLOW_COMMAND_SECRET: 'short-secret' })).message).not.toContain('short-secret');
    expect(configErrorOf(() => requireWorkflowCommandSecret(loadConfig({}))).variable).toBe('WORKFLOW_COMMAND_SECRET');
  });

  describe('TLS to Temporal (TEMPORAL_TLS_*)', () => {
    it('connects in plaintext when no TLS variable is set, and with TLS and the system CAs on TEMPORAL_TLS=on alone', () => {
      expect(loadConfig({}).temporal.tls).toBeUndefined();
      expect(temporalTlsOptions(loadConfig({}))).toBeUndefined();
      expect(loadConfig({ TEMPORAL_TLS: 'on' }).temporal.tls).toEqual({});
      expect(temporalTlsOptions(loadConfig({ TEMPORAL_TLS: 'on' }))).toEqual({});
    });

    it('accepts a CA and a server name without a client certificate (server-authenticated TLS)', () => {
      expect(loadConfig({ TEMPORAL_TLS_CA: '/ca.pem', TEMPORAL_TLS_SERVER_NAME: 'temporal.example.com' }).temporal.tls)
        .toEqual({ caPath: '/ca.pem', serverName: 'temporal.example.com' });
    });

    it('refuses a client certificate without its key, the key without its certificate, TLS settings with TEMPORAL_TLS=off, and a bad server name', () => {
      expect(configErrorOf(() => loadConfig({ TEMPORAL_TLS_CERT: '/c.pem' })).variable).toBe('TEMPORAL_TLS_KEY');
      expect(configErrorOf(() => loadConfig({ TEMPORAL_TLS_KEY: '/c.key' })).variable).toBe('TEMPORAL_TLS_CERT');
      expect(configErrorOf(() => loadConfig({ TEMPORAL_TLS: 'off', TEMPORAL_TLS_CA: '/ca.pem' })).variable).toBe('TEMPORAL_TLS');
      expect(configErrorOf(() => loadConfig({ TEMPORAL_TLS: 'yes' })).variable).toBe('TEMPORAL_TLS');
      expect(configErrorOf(() => loadConfig({ TEMPORAL_TLS_SERVER_NAME: 'not a host' })).variable).toBe('TEMPORAL_TLS_SERVER_NAME');
    });

    it('reads the certificate, key and CA files into the connection options, and names the variable of a file it cannot read', () => {
      const dir = mkdtempSync(join(tmpdir(), 'pactum-tls-'));
      for (const f of ['client.pem', 'client.key', 'ca.pem']) writeFileSync(join(dir, f), `contents of ${f}`);
      const config = loadConfig({
        TEMPORAL_TLS_CERT: join(dir, 'client.pem'), TEMPORAL_TLS_KEY: join(dir, 'client.key'), TEMPORAL_TLS_CA: join(dir, 'ca.pem'), TEMPORAL_TLS_SERVER_NAME: 'temporal.example.com',
      });
      const options = temporalTlsOptions(config)!;
      expect({
        serverNameOverride: options.serverNameOverride,
        ca: options.serverRootCACertificate?.toString(),
        crt: options.clientCertPair?.crt.toString(),
        key: options.clientCertPair?.key.toString(),
      }).toEqual({ serverNameOverride: 'temporal.example.com', ca: 'contents of ca.pem', crt: 'contents of client.pem', key: 'contents of client.key' });
      const missing = loadConfig({ TEMPORAL_TLS_CA: join(dir, 'nope.pem') });
      expect(configErrorOf(() => temporalTlsOptions(missing)).variable).toBe('TEMPORAL_TLS_CA');
    });
  });

  it('derives the public URL from host and port, using loopback for 0.0.0.0', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '4000' }).http).toEqual({ host: '0.0.0.0', port: 4000, publicUrl: 'http://127.0.0.1:4000' });
    expect(loadConfig({ HOST: 'pactum.local', PORT: '4000' }).http.publicUrl).toBe('http://pactum.local:4000');
  });

  it.each([['postgres://u:p@h/db'], ['postgresql://localhost/pactum']])('accepts DATABASE_URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([['localhost:7233'], ['127.0.0.1:7233'], ['[::1]:7233'], ['temporal-frontend.svc_1:7233']])('accepts TEMPORAL_ADDRESS %s', (address) => {
    expect(loadConfig({ TEMPORAL_ADDRESS: address }).temporal.address).toBe(address);
  });

  it.each([['fatal'], ['error'], ['warn'], ['info'], ['debug'], ['trace']])('accepts LOG_LEVEL %s', (level) => {
    expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it.each([['0', 0], ['1', 1], ['65535', 65535]])('accepts PORT %s', (raw, port) => {
    expect(loadConfig({ PORT: raw }).http.port).toBe(port);
  });

  it('refuses a WEBHOOK_ALLOWED_HOSTS entry without a port, naming the variable and the entry', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1:9000,receiver.internal' }))
      .toThrow('Invalid configuration: WEBHOOK_ALLOWED_HOSTS must be comma-separated host:port entries (got "receiver.internal")');
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://receiver:80' })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
  });

  it('accepts a JWT_SECRET of exactly 32 characters', () => {
    expect(loadConfig({ JWT_SECRET: SECRET_32 }).auth.jwtSecret).toBe(SECRET_32);
  });

  it('reads process.env when no environment is given', () => {
    const saved = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadConfig().http.port).toBe(4321);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });

  it.each<[string, string]>([
    ['PORT', 'abc'],
    ['METRICS_PORT', '0'],
    ['METRICS_PORT', '70000'],
    ['METRICS_TOKEN', 'short'],
    ['PORT', '70000'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', ' 80'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'postgres://'],
    ['DATABASE_URL', 'localhost:5432'],
    ['TEMPORAL_ADDRESS', 'nohostport'],
    ['TEMPORAL_ADDRESS', 'temporal:'],
    ['TEMPORAL_ADDRESS', 'http://temporal:7233'],
    ['TEMPORAL_NAMESPACE', '-leading-dash'],
    ['TEMPORAL_NAMESPACE', 'a'],
    ['TEMPORAL_TASK_QUEUE', 'has space'],
    ['PUBLIC_URL', 'ftp://pactum.example.com'],
    ['PUBLIC_URL', 'pactum.example.com'],
    ['JWT_SECRET', 'too-short'],
    ['JWT_SECRET', 'x'.repeat(31)],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', 'INFO'],
    ['TOKEN_TTL_SECONDS', '59'],
    ['TOKEN_TTL_SECONDS', String(7 * 24 * 3600 + 1)],
    ['WORKFLOW_ANSWER_TIMEOUT_MS', '99'],
    ['WORKFLOW_ANSWER_TIMEOUT_MS', '300001'],
    ['WORKER_STACK_TRACES', 'yes'],
    ['WORKER_HEALTH_PORT', '0'],
    ['TEMPORAL_RETENTION_DAYS', '0'],
    ['WORKER_HEALTH_PORT', 'http'],
    ['DEPLOY_RETRY_WINDOW_MINUTES', '0'],
    ['DATABASE_PREPARED_STATEMENTS', 'true'],
  ])('refuses %s=%s with a ConfigError naming the variable', (variable, value) => {
    const error = configErrorOf(() => loadConfig({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.name).toBe('ConfigError');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(variable);
  });

  it('quotes the offending value for non-secret variables', () => {
    expect(configErrorOf(() => loadConfig({ PORT: '70000' })).message).toContain('"70000"');
  });

  it('does not echo a too-short JWT_SECRET', () => {
    expect(configErrorOf(() => loadConfig({ JWT_SECRET: 'hunter2-secret' })).message).not.toContain('hunter2');
  });

  describe('regressions of bugs found in review', () => {
    // stringVar quotes the raw value, so a mistyped DATABASE_URL puts its password into the startup log.
    it('does not echo the password of a rejected DATABASE_URL', () => {
      expect(configErrorOf(() => loadConfig({ DATABASE_URL: 'mysql://pactum:hunter2@db/pactum' })).message).not.toContain('hunter2');
    });

    // The port part is only checked for 1-5 digits.
    it('refuses a TEMPORAL_ADDRESS port above 65535', () => {
      expect(configErrorOf(() => loadConfig({ TEMPORAL_ADDRESS: 'temporal:99999' })).variable).toBe('TEMPORAL_ADDRESS');
    });
  });
});

describe('required settings', () => {
  const complete = loadConfig({ DATABASE_URL: 'postgres://pactum@db/pactum', TEMPORAL_ADDRESS: 'temporal:7233', JWT_SECRET: SECRET_32 });
  const empty = loadConfig({});

  it.each<[string, (c: AppConfig) => string, string]>([
    ['DATABASE_URL', requireDatabaseUrl, 'postgres://pactum@db/pactum'],
    ['TEMPORAL_ADDRESS', requireTemporalAddress, 'temporal:7233'],
    ['JWT_SECRET', requireJwtSecret, SECRET_32],
  ])('%s is returned when set and refused with a ConfigError naming it when unset', (variable, require, value) => {
    expect(require(complete)).toBe(value);
    const error = configErrorOf(() => require(empty));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain('is required');
  });
});
