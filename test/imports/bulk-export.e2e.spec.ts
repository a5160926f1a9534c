import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { generatePackage, readWholePackage, validateXsd } from '@pactum/xml';
import { AppProcess, appEnv } from '../support/app-processes';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { uploadXml, waitForImport } from './support/import-client';

/** GET /api/v1/exports/contracts.xml through the real API: streamed, valid, and importing back unchanged. */
describe('bulk XML export', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let integrator: HttpClient;
  let db: Client;
  const prefix = `X${randomUUID().slice(0, 6)}`;
  const account = `${prefix} Account 0`;
  const CONTRACTS = 120;

  const get = async (query: string, client = integrator) => {
    const res = await fetch(`${http.baseUrl}/api/v1/exports/contracts.xml${query}`, { headers: { authorization: `Bearer ${client.token}` } });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `export-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    integrator = await http.login('integrator');
    // The demo integrator lacks import_approved: the Active half waits in PENDING_APPROVAL, the rest are Drafts.
    // One account, more contracts than one page of the export.
    const xml = (await text(generatePackage({ contracts: CONTRACTS, offersPerContract: 4, contractsPerAccount: CONTRACTS })))
      .replaceAll('GEN-', `${prefix}-`).replaceAll('name="Account ', `name="${prefix} Account `);
    const job = await waitForImport(integrator, (await uploadXml(integrator, xml, '?createMissing=true')).body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { created: CONTRACTS } });
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it('exports a whole account as one streamed Package, the Account last; it passes the XSD and imports back unchanged, pending contracts included', async () => {
    const res = await get(`?account=${encodeURIComponent(account)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/xml/);
    // Streamed: the length is not known before the last contract is written.
    expect(res.headers.get('content-length')).toBeNull();
    expect(await validateXsd(res.text)).toEqual([]);
    expect(res.text.match(/<BuyerContract /g)).toHaveLength(CONTRACTS);
    expect(res.text.match(/<Account>/g)).toHaveLength(1);
    expect(res.text.lastIndexOf('<BuyerContract ')).toBeLessThan(res.text.indexOf('<Account>'));
    const { records } = await readWholePackage(res.text);
    expect(records.filter((r) => r.kind === 'error')).toEqual([]);
    const states = (await db.query(`SELECT status, count(*)::int AS n FROM contracts WHERE account_name = $1 GROUP BY status ORDER BY status`, [account])).rows;
    expect(states).toEqual([{ status: 'DRAFT', n: CONTRACTS / 2 }, { status: 'PENDING_APPROVAL', n: CONTRACTS / 2 }]);
    const job = await waitForImport(integrator, (await uploadXml(integrator, res.text)).body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: CONTRACTS, unchanged: CONTRACTS, created: 0, updated: 0, failed: 0 } });
  });

  it('without an account the Package holds the contracts the filters select and no Account element', async () => {
    const res = await get(`?code=${prefix}-000003&status=PENDING_APPROVAL`);
    expect(res.status).toBe(200);
    expect(await validateXsd(res.text)).toEqual([]);
    expect(res.text.match(/<BuyerContract /g)).toHaveLength(1);
    expect(res.text).toContain(`name="${prefix}-000003"`);
    expect(res.text).not.toContain('<Account>');
    const none = await get(`?code=${prefix}-000003&status=DRAFT`);
    expect(none.text.match(/<BuyerContract /g)).toBeNull();
    expect(await validateXsd(none.text)).toEqual([]);
  });

  it('a rep gets only the contracts of their scope (here none, and so no Account); bad filters are 4xx naming the field; checkout is 403', async () => {
    const rep1 = await http.login('rep1');
    const scoped = await get(`?account=${encodeURIComponent(account)}`, rep1);
    expect(scoped.status).toBe(200);
    expect(scoped.text).not.toContain('<BuyerContract ');
    expect(scoped.text).not.toContain('<Account>');
    const unknown = await get('?account=No%20Such%20Account');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ statusCode: 404, details: [{ field: 'account' }] });
    const badStatus = await get('?status=BOGUS');
    expect(JSON.parse(badStatus.text)).toMatchObject({ statusCode: 400, details: [{ field: 'status' }] });
    expect((await get('', await http.login('checkout'))).status).toBe(403);
  });
});
