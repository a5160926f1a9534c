import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as TemporalClient, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { Client } from 'pg';
import { TERM_TYPES, validateContractDraft } from '@pactum/domain';
import { freePort } from '@pactum/local-stack';
import { DEMO_SELLER } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';
import { readWholePackage, validateXsd, type MappedContract } from '@pactum/xml';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { generatedXml, uploadXml, waitForImport } from './support/import-client';

const FIXTURES = join(__dirname, '..', 'fixtures', 'xml');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const MAX_BYTES = 16 * 1024 * 1024;
const CLI = join(__dirname, '..', '..', 'apps', 'cli', 'dist', 'main.js');
/** The seller of generatedXml's contracts. */
const GENERATED_SELLER = 'o=Acme Industrial,o=Root Organization';

/** The API and a worker as real processes: upload → 202 → poll, re-import, dry run, hostile files, round trip, a killed worker. */
describe('bulk XML import over HTTP', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let env: NodeJS.ProcessEnv;
  let http: HttpClient;
  let integrator: HttpClient;
  let rep1: HttpClient;
  let db: Client;
  const prefix = `I${randomUUID().slice(0, 6)}`;
  const importer = `importer-${prefix}`;

  beforeAll(async () => {
    const port = await freePort();
    env = appEnv({
      PORT: String(port), TEMPORAL_TASK_QUEUE: `import-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000',
      IMPORT_MAX_BYTES: String(MAX_BYTES), IMPORT_HEARTBEAT_TIMEOUT_MS: '3000',
    });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    // These files' Approved/Active contracts are meant to deploy: an importer holding import_approved
    // (the demo integrator does not; test/security/import-approval covers that case).
    await db.query(`INSERT INTO users (username, password_hash, roles, display_name, organization_dn) VALUES ($1, $2, $3, $1, $4)`,
      [importer, await hashPassword('demo'), ['integration', 'import_approved'], DEMO_SELLER]);
    [integrator, rep1] = await Promise.all([http.login(importer), http.login('rep1')]);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const contractsNamed = async (pattern: string) => (await db.query(`SELECT id, code, status FROM contracts WHERE code LIKE $1 ORDER BY code`, [pattern])).rows;

  it('imports a Package: 202 at once, then SUCCEEDED with counts; the Active contract deploys, the Draft stays a draft', async () => {
    const res = await uploadXml(integrator, fixture('complete-package.xml'), '?createMissing=true');
    expect(res).toMatchObject({ status: 202, body: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const job = await waitForImport(integrator, res.body.id);
    expect(job).toMatchObject({ id: res.body.id, status: 'SUCCEEDED', errors: [], counts: { contracts: 2, created: 2, updated: 0, unchanged: 0, failed: 0 } });
    expect(job.counts.priceLines).toBeGreaterThan(0);
    const rows = await contractsNamed('%-2026%');
    const base = rows.find((r) => r.code === 'ACME-BASE-2026')!;
    const msa = rows.find((r) => r.code === 'NWF-MSA-2026-001')!;
    expect((await integrator.waitForStatus(base.id, 'ACTIVE', 60_000)).origin).toBe('Manual');
    expect(await integrator.get(`/api/v1/contracts/${msa.id}`)).toMatchObject({ status: 200, body: { status: 'DRAFT', origin: 'Imported', workflowId: `contract-${msa.id}` } });
    expect((await integrator.get(`/api/v1/contracts/${msa.id}/history`)).body[0]).toMatchObject({ action: 'create', actor: importer });
  });

  it('re-importing the same file changes nothing: every contract unchanged', async () => {
    const res = await uploadXml(integrator, fixture('complete-package.xml'), '?createMissing=true');
    const job = await waitForImport(integrator, res.body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: 2, created: 0, updated: 0, unchanged: 2, failed: 0 } });
  });

  it('exports contracts that between them carry every term type as Packages that import back identical', async () => {
    const types = new Set<string>();
    for (const row of await contractsNamed('%-2026%')) {
      // Integration reads every seller's contracts (a rep only its own organisation's).
      const exported = await fetch(`${http.baseUrl}/api/v1/contracts/${row.id}/export.xml`, { headers: { authorization: `Bearer ${integrator.token}` } });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toMatch(/application\/xml/);
      const xml = await exported.text();
      // the file passes the schema, and maps to exactly the content the API shows
      expect(await validateXsd(xml)).toEqual([]);
      const { records } = await readWholePackage(xml);
      expect(records.filter((r) => r.kind === 'error')).toEqual([]);
      const mapped = records.find((r): r is MappedContract => r.kind === 'contract')!;
      const view = (await integrator.get(`/api/v1/contracts/${row.id}`)).body;
      expect(mapped.draft).toEqual(validateContractDraft({
        code: view.code, description: view.description ?? undefined, currency: view.currency, startsAt: view.startsAt, endsAt: view.endsAt, seller: view.seller,
        buyers: view.buyers, account: view.account ?? undefined, isBase: view.isBase,
        baseContract: view.baseContract ? { code: view.baseContract.code, version: view.baseContract.version } : null,
        comment: view.comment ?? undefined, creditAllowed: view.creditAllowed, forceContractPrice: view.forceContractPrice, descriptions: view.descriptions,
        attachments: view.attachments.length ? view.attachments : undefined, contacts: view.contacts.length ? view.contacts : undefined, terms: view.terms,
      }));
      mapped.draft.terms.forEach((t) => types.add(t.type));
      // and Pactum itself finds the import identical to what it holds
      const job = await waitForImport(integrator, (await uploadXml(integrator, xml)).body.id);
      expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: 1, unchanged: 1, created: 0, updated: 0 } });
    }
    expect([...types].sort()).toEqual([...TERM_TYPES].sort());
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const xml = await generatedXml(`${prefix}D`, 5, 3);
    const job = await waitForImport(integrator, (await uploadXml(integrator, xml, '?dryRun=true&createMissing=true')).body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], dryRun: true, counts: { contracts: 5, created: 5, priceLines: 15 } });
    expect(await contractsNamed(`${prefix}D-%`)).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM business_accounts WHERE name LIKE $1`, [`${prefix}D %`])).rows[0].n).toBe(0);
  });

  it('a contract that fails inside a batch write fails alone: the others of the batch are imported, it writes nothing', async () => {
    const xml = (await generatedXml(`${prefix}B`, 4, 3)).replace(
      /(name="[^"]*-000002"[\s\S]*?<\/AccountReference>)/,
      `$1\n    <ContractReference><ContractRef name="NO-SUCH-BASE" origin="Manual" majorVersionNumber="1" minorVersionNumber="0"><ContractOwner><OrganizationRef distinguishName="${GENERATED_SELLER}"/></ContractOwner></ContractRef></ContractReference>`);
    expect(xml).toContain('NO-SUCH-BASE');
    const job = await waitForImport(integrator, (await uploadXml(integrator, xml, '?createMissing=true')).body.id);
    expect(job).toMatchObject({ status: 'PARTIAL', counts: { contracts: 4, created: 3, failed: 1, priceLines: 9 } });
    expect(job.errors).toEqual([expect.objectContaining({ contract: `${prefix}B-000002`, field: 'baseContract', message: expect.stringMatching(/base contract "NO-SUCH-BASE" was not found/) })]);
    expect((await contractsNamed(`${prefix}B-%`)).map((r) => r.code)).toEqual([`${prefix}B-000000`, `${prefix}B-000001`, `${prefix}B-000003`]);
    const offers = await db.query(`SELECT count(*)::int AS n FROM contract_price_offers o JOIN contracts c ON c.id = o.contract_id WHERE c.code LIKE $1`, [`${prefix}B-%`]);
    expect(offers.rows[0].n).toBe(9);
  });

  it.each([
    ['negative-amount.xml', 1],
    ['non-numeric-amount.xml', 1],
    ['time-zone.xml', 1],
    ['wrong-state-token.xml', 1],
    ['two-right-to-buy.xml', 1],
    ['buyer-outside-account.xml', 1],
    ['doctype.xml', 1],
    ['billion-laughs.xml', 1],
    ['xxe-external-entity.xml', 1],
    ['iso-8859-1-declared.xml', 1],
    ['invalid-utf8-bytes.xml', 1],
    ['deep-nesting.xml', 1],
    ['unexpected-top-level.xml', 1],
    ['account-before-contracts.xml', 1],
    ['two-accounts.xml', 1],
    ['trading-dtd.xml', 1],
    ['trading-root.xml', 1],
    ['hosting-contract.xml', 1],
    ['referral-contract.xml', 1],
    ['package-without-namespace.xml', 1],
    ['out-of-scope-elements.xml', 6],
  ])('%s ends FAILED within seconds with %d line-numbered error(s), no internal error, and writes nothing', async (name, count) => {
    const accountsBefore = (await db.query(`SELECT count(*)::int AS n FROM business_accounts`)).rows[0].n;
    const started = Date.now();
    const job = await waitForImport(integrator, (await uploadXml(integrator, readFileSync(join(FIXTURES, name)), '?createMissing=true')).body.id);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(job.status).toBe('FAILED');
    expect(job.errors).toHaveLength(count);
    for (const e of job.errors) {
      expect(e).toEqual(expect.objectContaining({ line: expect.any(Number), message: expect.any(String) }));
      expect(e.line).toBeGreaterThan(0);
      expect(e.message).not.toMatch(/TypeError|Cannot read properties|undefined/);
    }
    expect(job.counts).toMatchObject({ created: 0, updated: 0 });
    expect(await contractsNamed('NWF-00_')).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM business_accounts`)).rows[0].n).toBe(accountsBefore);
    // A failure retrying cannot fix is not retried: the file activity ran once.
    expect(worker.output).not.toMatch(new RegExp(`"jobId":"${job.id}"[^\n]*"attempt":2`));
  });

  it('imports a real-shaped WCS export unchanged: contracts before their account, a base contract after its referrers, a member group, reference numbers', async () => {
    const upload = async () => waitForImport(integrator, (await uploadXml(integrator, fixture('wcs-export.xml'), '?createMissing=true')).body.id);
    const job = await upload();
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: 3, created: 3, failed: 0, priceLines: 3 } });
    const rows = await contractsNamed('H_ %2026');
    expect(rows.map((r) => r.code)).toEqual(['HB Plant 9 2026', 'HB Supply 2026', 'HS Base Terms 2026']);
    const supply = (await integrator.get(`/api/v1/contracts/${rows[1].id}`)).body;
    expect(supply).toMatchObject({
      status: 'DRAFT', version: '1.0', origin: 'Manual', currency: 'EUR', isBase: false, account: 'Holdout Buyer Corp',
      baseContract: { code: 'HS Base Terms 2026', version: '1.0' },
      buyers: [{ organization: 'ou=Plant 7,o=Holdout Buyer Corp,o=Root Organization' }, { memberGroup: 'Holdout Purchasing Agents' }],
      descriptions: { en_US: 'Holdout Buyer supply agreement', de_DE: 'Liefervertrag Holdout Buyer' },
    });
    // The referenceNumber is WCS's row id, never Pactum's identity: the id comes from the unique key.
    expect(supply.id).not.toContain('10000000101');
    // The Active ones deploy: the base first (its referrer counts on it), then the customer contract.
    for (const r of [rows[0], rows[2]]) await integrator.waitForStatus(r.id, 'ACTIVE', 60_000);
    const account = await db.query(`SELECT buyer_dn, credit_allowed FROM business_accounts WHERE name = 'Holdout Buyer Corp'`);
    expect(account.rows).toEqual([{ buyer_dn: 'o=Holdout Buyer Corp,o=Root Organization', credit_allowed: true }]);
    expect(await upload()).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: 3, created: 0, updated: 0, unchanged: 3 } });
  });

  it('new minor and major versions refer to the stored base contract and account: a contract inheriting its shipping charge from its base is accepted', async () => {
    const source = fixture('wcs-export.xml');
    const supply = source.slice(source.indexOf('  <BuyerContract'), source.indexOf('  </BuyerContract>') + '  </BuyerContract>\n'.length);
    const version = (major: number, minor: number) => supply.replace('<ContractUniqueKey name="HB Supply 2026" origin="Manual">', `<ContractUniqueKey name="HB Supply 2026" origin="Manual" majorVersionNumber="${major}" minorVersionNumber="${minor}">`);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://www.ibm.com/WebSphereCommerce">\n${version(1, 1)}${version(2, 0)}</Package>\n`;
    const job = await waitForImport(integrator, (await uploadXml(integrator, xml)).body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: 2, created: 2, failed: 0 } });
    const versions = (await db.query(`SELECT version_major || '.' || version_minor AS v FROM contracts WHERE code = 'HB Supply 2026' ORDER BY 1`)).rows.map((r) => r.v);
    expect(versions).toEqual(['1.0', '1.1', '2.0']);
  });

  it('refuses a body above IMPORT_MAX_BYTES with 413, other media types with 400, and non-integration roles with 403', async () => {
    const big = Buffer.alloc(MAX_BYTES + 1, ' ');
    expect((await uploadXml(integrator, big)).status).toBe(413);
    const json = await integrator.post('/api/v1/imports', { not: 'xml' });
    expect(json.status).toBe(400);
    expect((await uploadXml(rep1, fixture('complete-package.xml'))).status).toBe(403);
    expect((await integrator.get(`/api/v1/imports/${randomUUID()}`)).status).toBe(404);
  });

  it('reads a file while it uploads: a refused start fails the job before the upload ends, keeps none of the later parts; a refused upload leaves no job', async () => {
    const since = new Date();
    const failedJob = async () => (await db.query(`SELECT id, status FROM import_jobs WHERE created_by = $1 AND created_at >= $2`, [importer, since])).rows;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // More than a part (128 KiB): the API stores it before the rest arrives.
        if (sent === 0) controller.enqueue(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Trading>\n${' '.repeat(130 * 1024)}`));
        else if (sent === 1) {
          // The upload goes on only once the job has failed: its first read took the part already stored.
          const deadline = Date.now() + 30_000;
          while (!(await failedJob()).some((j) => j.status === 'FAILED') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          controller.enqueue(Buffer.alloc(300 * 1024, ' '));
        } else controller.close();
        sent++;
      },
    });
    const res = await fetch(`${integrator.baseUrl}/api/v1/imports`, {
      method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${integrator.token}` }, body, duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(await failedJob()).toEqual([{ id, status: 'FAILED' }]);
    const job = await waitForImport(integrator, id);
    expect(job).toMatchObject({ status: 'FAILED', errors: [expect.objectContaining({ line: 2, message: expect.stringContaining('<Trading>') })] });
    expect((await db.query('SELECT count(*)::int AS n FROM import_job_parts WHERE job_id = $1', [id])).rows).toEqual([{ n: 0 }]);

    const before = new Date();
    expect((await uploadXml(integrator, Buffer.alloc(MAX_BYTES + 1, ' '))).status).toBe(413);
    expect((await db.query(`SELECT count(*)::int AS n FROM import_jobs WHERE created_by = $1 AND created_at >= $2`, [importer, before])).rows).toEqual([{ n: 0 }]);
  });

  it('resumes after the worker is killed halfway, without duplicates', async () => {
    const total = 300;
    // Enough offers that the records take a few seconds (progress is written every 500 ms), so
    // the kill lands while the file is still being read.
    const offers = 200;
    const xml = await generatedXml(`${prefix}K`, total, offers);
    const { id } = (await uploadXml(integrator, xml, '?createMissing=true')).body;
    let killedAt = -1;
    const job = await waitForImport(integrator, id, 180_000, async (j) => {
      if (killedAt < 0 && j.progress.records >= 40) {
        killedAt = j.progress.records;
        await worker.kill9();
        worker = new AppProcess('worker', env).start();
      }
    });
    console.log(`[import] worker killed at record ${killedAt} of ${total}`);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(total);
    expect(worker.output).toMatch(/import resumes/);
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { contracts: total, created: total, failed: 0, priceLines: total * offers } });
    const rows = (await db.query(
      `SELECT count(DISTINCT c.id)::int AS contracts, count(o.*)::int AS offers FROM contracts c LEFT JOIN contract_price_offers o ON o.contract_id = c.id WHERE c.code LIKE $1`,
      [`${prefix}K-%`])).rows[0];
    expect(rows).toEqual({ contracts: total, offers: total * offers });
    const creates = (await db.query(`SELECT count(*)::int AS n FROM contract_history h JOIN contracts c ON c.id = h.contract_id WHERE c.code LIKE $1 AND h.action = 'create'`, [`${prefix}K-%`])).rows[0].n;
    expect(creates).toBe(total);
    // The Active half: a Draft's workflow starts with its first action.
    expect(job.progress.workflowsStarted).toBe(total / 2);
    // Each Active contract deployed once, whether its workflow started before the kill, after it, or both tried.
    const deploys = async () => (await db.query(
      `SELECT count(*) FILTER (WHERE c.status = 'ACTIVE')::int AS active,
              (SELECT count(*)::int FROM contract_history h JOIN contracts x ON x.id = h.contract_id WHERE x.code LIKE $1 AND h.action = 'deploySucceeded') AS deployed
         FROM contracts c WHERE c.code LIKE $1`, [`${prefix}K-%`])).rows[0];
    const until = Date.now() + 90_000;
    while ((await deploys()).active < total / 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    expect(await deploys()).toEqual({ active: total / 2, deployed: total / 2 });
  }, 240_000);

  it('starts an imported Draft\'s workflow with its first action; a Draft re-imported as Active deploys, started or not', async () => {
    // Contracts 0 and 2 are Draft, 1 is Active.
    const xml = await generatedXml(`${prefix}L`, 3, 2);
    const first = await waitForImport(integrator, (await uploadXml(integrator, xml, '?createMissing=true')).body.id);
    expect(first).toMatchObject({ status: 'SUCCEEDED', counts: { created: 3, failed: 0 }, progress: { workflowsStarted: 1 } });
    const [d0, a1, d2] = await contractsNamed(`${prefix}L-%`);
    expect([d0.status, d2.status]).toEqual(['DRAFT', 'DRAFT']);
    await integrator.waitForStatus(a1.id, 'ACTIVE', 60_000);
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    try {
      const temporal = new TemporalClient({ connection });
      const workflowOf = (id: string) => temporal.workflow.getHandle(`contract-${id}`);
      await expect(workflowOf(d0.id).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      await expect(workflowOf(d2.id).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      // An admin's edit starts the workflow from the stored contract, which refuses it by the mirror rule.
      const admin = await http.login('admin');
      const patch = await admin.request('PATCH', `/api/v1/contracts/${d0.id}`, { description: 'local change' });
      expect(patch).toMatchObject({ status: 409, body: { code: 'MIRRORED_CONTRACT' } });
      expect((await workflowOf(d0.id).describe()).status.name).toBe('RUNNING');
      expect(await admin.post(`/api/v1/contracts/${d0.id}/submit`)).toMatchObject({ status: 409, body: { code: 'MIRRORED_CONTRACT' } });
      // Re-imported as Active: d0's running workflow reloads and deploys; d2's workflow starts and deploys.
      const again = await waitForImport(integrator, (await uploadXml(integrator, xml.replaceAll('state="Draft"', 'state="Active"'), '?createMissing=true')).body.id);
      expect(again).toMatchObject({ status: 'SUCCEEDED', counts: { updated: 2, unchanged: 1, failed: 0 }, progress: { workflowsStarted: 2 } });
      for (const id of [d0.id, d2.id]) expect((await integrator.waitForStatus(id, 'ACTIVE', 60_000)).origin).toBe('Imported');
      expect((await integrator.get(`/api/v1/contracts/${d2.id}/history`)).body.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['create', 'startDeploy', 'deploySucceeded']));
    } finally {
      await connection.close();
    }
  }, 180_000);

  describe('CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pactum-import-'));
    const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, PACTUM_API_URL: http.baseUrl, PACTUM_USER: 'integrator', PACTUM_PASSWORD: 'demo' }, encoding: 'utf8', timeout: 120_000,
    });

    it('import: exit 0 with a summary when everything imported, 1 when a contract failed, 2 for a missing file', async () => {
      const good = join(dir, 'good.xml');
      writeFileSync(good, await generatedXml(`${prefix}C`, 3, 2));
      const ok = cli(['import', '--create-missing', good]);
      expect(ok.stdout).toMatch(/^SUCCEEDED: 3 contracts — 3 created, 0 updated, 0 unchanged, 0 failed; 6 price lines/m);
      expect(ok.status).toBe(0);
      const again = cli(['import', good, '--dry-run']);
      expect(again.stdout).toMatch(/SUCCEEDED: 3 contracts — 0 created, 0 updated, 3 unchanged, 0 failed.*dry run/);
      expect(again.status).toBe(0);
      const bad = cli(['import', join(FIXTURES, 'negative-amount.xml'), '--create-missing']);
      expect(bad.stdout).toMatch(/^FAILED: 1 contracts/m);
      expect(bad.stdout).toMatch(/line 10, column 9 \(contract NWF-001\)/);
      expect(bad.status).toBe(1);
      expect(cli(['import', join(dir, 'missing.xml')]).status).toBe(2);
    });

    it('export: writes the Package of a contract found by code', () => {
      const file = join(dir, 'msa.xml');
      const res = cli(['export', '--code', 'NWF-MSA-2026-001', '-o', file]);
      expect(res.stderr).toMatch(/written to/);
      expect(res.status).toBe(0);
      expect(readFileSync(file, 'utf8')).toMatch(/<ContractUniqueKey name="NWF-MSA-2026-001" origin="Imported" majorVersionNumber="1" minorVersionNumber="2">/);
      expect(cli(['export', '--code', 'NO-SUCH-CONTRACT']).status).toBe(1);
      expect(cli(['export']).status).toBe(2);
    });
  });

  it('exports contracts, buyers and products as CSV', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${http.baseUrl}${path}`, { headers: { authorization: `Bearer ${integrator.token}` } });
      return { status: res.status, type: res.headers.get('content-type'), lines: (await res.text()).trim().split('\r\n') };
    };
    const contracts = await get('/api/v1/exports/contracts.csv?code=NWF-MSA-2026-001');
    expect(contracts).toMatchObject({ status: 200, type: expect.stringMatching(/text\/csv/) });
    expect(contracts.lines[0]).toBe('id,code,version,origin,status,wcsState,seller,account,currency,startsAt,endsAt,isBase,baseContract,buyers,terms,priceOffers,createdBy,owner,updatedAt');
    expect(contracts.lines).toHaveLength(2);
    expect(contracts.lines[1]).toMatch(/,NWF-MSA-2026-001,1\.2,Imported,DRAFT,0,"o=Acme Industrial,o=Root Organization",/);
    const buyers = await get('/api/v1/exports/contract-buyers.csv?code=NWF-MSA-2026-001');
    expect(buyers.lines[0]).toBe('contractId,code,version,status,position,organization,memberGroup,startsAt,endsAt,active');
    expect(buyers.lines.slice(1).some((l) => l.includes('"ou=Northwind West Division,o=Northwind Fabrication,o=Root Organization"') && l.endsWith(',false'))).toBe(true);
    const products = await get('/api/v1/exports/contract-products.csv?code=NWF-MSA-2026-001');
    expect(products.lines[0]).toBe('contractId,code,version,status,termSequence,termType,kind,item,currency,price,minQuantity,maxQuantity,precedence,action,signedPercentage');
    expect(products.lines.some((l) => /,PriceTCCustomPriceList,offer,[^,]+,USD,\d+\.\d+,/.test(l))).toBe(true);
    expect((await get('/api/v1/exports/contracts.csv?status=BOGUS')).status).toBe(400);
  });

  it('imports price rules from CSV into a draft contract: every bad line named and nothing written, then the rules as a PriceRule term', async () => {
    const created = await rep1.post('/api/v1/contracts', draftBody());
    expect(created.status).toBe(201);
    const id = created.body.id;
    const post = (body: string, client = rep1) => fetch(`${http.baseUrl}/api/v1/price-rules?contract=${id}`, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${client.token}` }, body,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const bad = await post('ITEMCODE,PRICERULE,CUSTOMERGROUPID\nSKU-1,-15%,VIP\nSKU-2,cheap,VIP\n,24,\n');
    expect(bad).toMatchObject({ status: 422, body: { details: [{ line: 3 }, { line: 4 }] } });
    expect((await rep1.get(`/api/v1/contracts/${id}`)).body.terms).toEqual(created.body.terms);
    const ok = await post('ITEMCODE,PRICERULE,CUSTOMERGROUPID\nSKU-1,-15%,VIP\nSKU-2,24,\n');
    expect(ok).toMatchObject({ status: 200, body: { contractId: id, sequenceNumber: 3, priceRules: 2 } });
    const terms = (await rep1.get(`/api/v1/contracts/${id}`)).body.terms;
    expect(terms.find((t: any) => t.type === 'PriceRule')).toEqual({
      type: 'PriceRule', sequenceNumber: 3, rules: [{ itemCode: 'SKU-1', rule: '-15%', customerGroupId: 'VIP' }, { itemCode: 'SKU-2', rule: '24' }],
    });
    expect((await post('ITEMCODE,PRICERULE\nSKU-1,1', integrator)).status).toBe(403);
  });
});
