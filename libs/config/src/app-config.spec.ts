import { ConfigError, loadConfig, requireDatabaseUrl, requireJwtSecret, requireTemporalAddress, type AppConfig } from './app-config';

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
      temporal: { address: undefined, namespace: 'default', taskQueue: 'pactum-contracts' },
      http: { host: '127.0.0.1', port: 3000, publicUrl: 'http://127.0.0.1:3000' },
      auth: { jwtSecret: undefined, tokenTtlSeconds: 3600 },
      logLevel: 'info',
      dataDir: '.data',
      workflowAnswerTimeoutMs: 15000,
      lifecycle: { expiringSoonDays: 30, approvalReminderMinutes: 2880, approvalEscalationMinutes: 7200 },
      actionLinks: { secret: undefined, ttlSeconds: 259200 },
      imports: { maxBytes: 1024 * 1024 * 1024, heartbeatTimeoutMs: 30000, workflowConcurrency: 32 },
      worker: { maxCachedWorkflows: 64, stackTraces: false },
    });
  });

  it('treats empty variables as unset', () => {
    const env = Object.fromEntries([
      'DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'PORT', 'HOST', 'PUBLIC_URL',
      'JWT_SECRET', 'LOG_LEVEL', 'TOKEN_TTL_SECONDS', 'PACTUM_DATA_DIR', 'WORKFLOW_ANSWER_TIMEOUT_MS',
      'EXPIRING_SOON_DAYS', 'APPROVAL_REMINDER_MINUTES', 'APPROVAL_ESCALATION_MINUTES', 'ACTION_LINK_SECRET', 'ACTION_LINK_TTL_SECONDS',
      'IMPORT_MAX_BYTES', 'IMPORT_HEARTBEAT_TIMEOUT_MS', 'IMPORT_WORKFLOW_CONCURRENCY', 'WORKER_MAX_CACHED_WORKFLOWS', 'WORKER_STACK_TRACES', 'DATABASE_PREPARED_STATEMENTS',
    ].map((name) => [name, '']));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it('reads every variable', () => {
    expect(loadConfig({
      DATABASE_URL: 'postgresql://pactum:pactum@db:5432/pactum',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'pactum-prod',
      TEMPORAL_TASK_QUEUE: 'contracts/v2',
      PORT: '8080',
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
      ACTION_LINK_SECRET: 'a'.repeat(40),
      ACTION_LINK_TTL_SECONDS: '3600',
      IMPORT_MAX_BYTES: '2048',
      IMPORT_HEARTBEAT_TIMEOUT_MS: '5000',
      IMPORT_WORKFLOW_CONCURRENCY: '4',
      WORKER_MAX_CACHED_WORKFLOWS: '1000',
      WORKER_STACK_TRACES: 'on',
      DATABASE_PREPARED_STATEMENTS: 'off',
    })).toEqual<AppConfig>({
      databaseUrl: 'postgresql://pactum:pactum@db:5432/pactum',
      databasePreparedStatements: false,
      temporal: { address: 'temporal:7233', namespace: 'pactum-prod', taskQueue: 'contracts/v2' },
      http: { host: '10.0.0.5', port: 8080, publicUrl: 'https://pactum.example.com' },
      auth: { jwtSecret: SECRET_32, tokenTtlSeconds: 600 },
      logLevel: 'debug',
      dataDir: '/var/lib/pactum',
      workflowAnswerTimeoutMs: 5000,
      lifecycle: { expiringSoonDays: 14, approvalReminderMinutes: 60, approvalEscalationMinutes: 0 },
      actionLinks: { secret: 'a'.repeat(40), ttlSeconds: 3600 },
      imports: { maxBytes: 2048, heartbeatTimeoutMs: 5000, workflowConcurrency: 4 },
      worker: { maxCachedWorkflows: 1000, stackTraces: true },
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
