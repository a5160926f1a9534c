import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { DEMO_SELLER } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';
import { AppProcess, appEnv } from '../support/app-processes';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { generatedXml, uploadXml, waitForImport } from './support/import-client';

type Kind = 'contracts' | 'contract-buyers' | 'contract-products';
const EXPORT_PATH: Record<Kind, string> = { contracts: 'contracts.csv', 'contract-buyers': 'contract-buyers.csv', 'contract-products': 'contract-products.csv' };

/** A CSV file as rows of cells (the exports quote DNs, which hold commas). */
function parse(text: string): string[][] {
  return text.trim().split('\r\n').map((line) => {
    const cells: string[] = [];
    const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) {
      cells.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
      if (m[2] === '') break;
    }
    return cells;
  });
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const unparse = (rows: string[][]) => `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;

/**
 * The three CSV exports edited and imported back through the real API and worker: a round trip
 * changes nothing, an edited price or buyer updates a Draft, an edit of an Active contract is a new
 * version, a bad cell fails its contract alone with its line and column, a broken file writes nothing.
 */
describe('CSV imports over HTTP', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let importer: HttpClient;
  let db: Client;
  const prefix = `V${randomUUID().slice(0, 6)}`;
  const account = `${prefix} Account 0`;
  const username = `csv-${prefix}`;

  const exported = async (kind: Kind, query = `?account=${encodeURIComponent(account)}`) => {
    const res = await fetch(`${http.baseUrl}/api/v1/exports/${EXPORT_PATH[kind]}${query}`, { headers: { authorization: `Bearer ${importer.token}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const uploadCsv = async (kind: Kind | undefined, body: string, query = '', client = importer) => {
    const res = await fetch(`${http.baseUrl}/api/v1/imports?${kind ? `kind=${kind}` : ''}${query}`, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${client.token}` }, body,
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) };
  };
  const importCsv = async (kind: Kind, body: string, query = '') => {
    const res = await uploadCsv(kind, body, query);
    expect(res.status).toBe(202);
    return waitForImport(importer, res.body.id);
  };
  const contract = async (code: string, version = '1.0') => {
    const [row] = (await db.query(`SELECT id FROM contracts WHERE code = $1 AND version_major || '.' || version_minor = $2`, [code, version])).rows;
    return row ? (await importer.get(`/api/v1/contracts/${row.id}`)).body : undefined;
  };
  const code = (n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `csv-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO users (username, password_hash, roles, display_name, organization_dn) VALUES ($1, $2, $3, $1, $4)`,
      [username, await hashPassword('demo'), ['integration', 'import_approved'], DEMO_SELLER]);
    importer = await http.login(username);
    // Four contracts of one account: 0 and 2 Draft, 1 and 3 Active (deployed), three offers each.
    const job = await waitForImport(importer, (await uploadXml(importer, await generatedXml(prefix, 4, 3), '?createMissing=true')).body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { created: 4 } });
    for (const n of [1, 3]) await importer.waitForStatus((await contract(code(n))).id, 'ACTIVE', 60_000);
    // The fixture with every term type, under names of this run (its base contract has no buyers: it sells nothing by itself).
    const every = readFileSync(join(__dirname, '..', 'fixtures', 'xml', 'complete-package.xml'), 'utf8')
      .replaceAll('ACME-BASE-2026', `${prefix}-BASE`).replaceAll('NWF-MSA-2026-001', `${prefix}-MSA`).replaceAll('name="Northwind Fabrication"', `name="${prefix} Northwind"`);
    const all = await waitForImport(importer, (await uploadXml(importer, every, '?createMissing=true')).body.id);
    expect(all).toMatchObject({ status: 'SUCCEEDED', counts: { created: 2 } });
    await importer.waitForStatus((await contract(`${prefix}-BASE`)).id, 'ACTIVE', 60_000);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  it.each<Kind>(['contracts', 'contract-buyers', 'contract-products'])('%s.csv exported and imported back is unchanged, Draft and Active contracts alike', async (kind) => {
    const csv = await exported(kind);
    const job = await importCsv(kind, csv);
    expect(job).toMatchObject({ status: 'SUCCEEDED', format: `csv:${kind}`, errors: [], counts: { contracts: 4, created: 0, updated: 0, unchanged: 4, failed: 0 } });
    expect(job.progress).toMatchObject({ records: 4, totalBytes: Buffer.byteLength(csv) });
  });

  it.each<Kind>(['contracts', 'contract-buyers', 'contract-products'])('%s.csv of the contract with every term type (product sets, filters, quantity breaks) imports back unchanged', async (kind) => {
    const csv = await exported(kind, `?account=${encodeURIComponent(`${prefix} Northwind`)}`);
    if (kind === 'contract-products') {
      const kinds = new Set(parse(csv).slice(1).map((r) => r[6]));
      expect([...kinds].sort()).toEqual(['category', 'offer', 'set', 'sku']);
    }
    expect(await importCsv(kind, csv)).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: 1, unchanged: 1 } });
  });

  it('an edited price updates the Draft in place; a dry run of the same edit reports it and writes nothing', async () => {
    const rows = parse(await exported('contract-products'));
    const price = rows[0].indexOf('price');
    const row = rows.find((r) => r[1] === code(0) && r[7] === 'SKU-00001')!;
    row[price] = '1234.50';
    const before = await contract(code(0));
    const dry = await importCsv('contract-products', unparse(rows), '&dryRun=true');
    expect(dry).toMatchObject({ status: 'SUCCEEDED', dryRun: true, counts: { updated: 1, unchanged: 3 } });
    expect((await contract(code(0))).terms).toEqual(before.terms);

    const job = await importCsv('contract-products', unparse(rows));
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { contracts: 4, updated: 1, unchanged: 3, failed: 0 } });
    const after = await contract(code(0));
    expect(after).toMatchObject({ status: 'DRAFT', version: '1.0' });
    expect(after.terms[0].offers.map((o: any) => [o.sku, o.price])).toEqual(before.terms[0].offers.map((o: any) => [o.sku, o.sku === 'SKU-00001' ? '1234.50' : o.price]));
    expect((await importer.get(`/api/v1/contracts/${after.id}/history`)).body.at(-1)).toMatchObject({ action: 'import', actor: username, detail: { reason: 're-imported with new content' } });
  });

  it('edited buyer rows update the Draft\'s buyers: a buyer made inactive, a new one added', async () => {
    const rows = parse(await exported('contract-buyers'));
    const h = rows[0];
    const mine = rows.filter((r) => r[1] === code(2));
    expect(mine).toHaveLength(1);
    mine[0][h.indexOf('active')] = 'false';
    const added = [...mine[0]];
    added[h.indexOf('organization')] = 'ou=Receiving,o=Buyer 0,o=Root Organization';
    added[h.indexOf('active')] = 'true';
    added[h.indexOf('startsAt')] = '2026-03-01T00:00:00.000Z';
    rows.splice(rows.indexOf(mine[0]) + 1, 0, added);
    const job = await importCsv('contract-buyers', unparse(rows), '&createMissing=true');
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { updated: 1, unchanged: 3 } });
    const buyers = (await contract(code(2))).buyers;
    expect(buyers).toHaveLength(2);
    expect(buyers[0]).toMatchObject({ organization: 'ou=Purchasing,o=Buyer 0,o=Root Organization', active: false });
    expect(buyers[1]).toMatchObject({ organization: 'ou=Receiving,o=Buyer 0,o=Root Organization', startsAt: '2026-03-01T00:00:00.000Z', active: true });
  });

  it('an edited end date in contracts.csv updates the Draft', async () => {
    const rows = parse(await exported('contracts'));
    const row = rows.find((r) => r[1] === code(0))!;
    row[rows[0].indexOf('endsAt')] = '2027-06-30T00:00:00.000Z';
    const job = await importCsv('contracts', unparse(rows));
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { updated: 1, unchanged: 3 } });
    expect((await contract(code(0))).endsAt).toBe('2027-06-30T00:00:00.000Z');
  });

  it('an edit of an Active contract fails alone at its row ("a new version"); the same rows as version 1.1 in DRAFT create the new version', async () => {
    const rows = parse(await exported('contract-products'));
    const h = rows[0];
    const active = rows.filter((r) => r[1] === code(1));
    active[0][h.indexOf('price')] = '0.99';
    const refused = await importCsv('contract-products', unparse(rows));
    expect(refused).toMatchObject({ status: 'PARTIAL', counts: { failed: 1, unchanged: 3 } });
    expect(refused.errors).toEqual([expect.objectContaining({ line: rows.indexOf(active[0]) + 1, contract: code(1), message: expect.stringMatching(/is ACTIVE in Pactum .*new version/) })]);

    for (const r of active) {
      r[h.indexOf('version')] = '1.1';
      r[h.indexOf('status')] = 'DRAFT';
    }
    const job = await importCsv('contract-products', unparse(rows));
    expect(job).toMatchObject({ status: 'SUCCEEDED', errors: [], counts: { created: 1, unchanged: 3 } });
    const [v10, v11] = [await contract(code(1), '1.0'), await contract(code(1), '1.1')];
    expect(v10.status).toBe('ACTIVE');
    expect(v11).toMatchObject({ status: 'DRAFT', version: '1.1', account: account, buyers: v10.buyers });
    expect(v11.terms[0].offers[0].price).toBe('0.99');
    expect(v11.terms[0].offers.slice(1)).toEqual(v10.terms[0].offers.slice(1));
    expect(v11.terms[1]).toEqual(v10.terms[1]);
  });

  it('a bad cell fails its contract alone with the line and column of the cell; the others of the file are imported', async () => {
    const rows = parse(await exported('contract-products', `?code=${code(0)}`)).concat(parse(await exported('contract-products', `?code=${code(2)}`)).slice(1));
    const h = rows[0];
    const bad = rows.find((r) => r[1] === code(0))!;
    bad[h.indexOf('price')] = '-5';
    const good = rows.find((r) => r[1] === code(2))!;
    good[h.indexOf('price')] = '77.00';
    const text = unparse(rows);
    const before = await contract(code(0));
    const job = await importCsv('contract-products', text);
    expect(job).toMatchObject({ status: 'PARTIAL', counts: { contracts: 2, failed: 1, updated: 1 } });
    const line = rows.indexOf(bad) + 1;
    const column = text.split('\r\n')[line - 1].indexOf(',-5,') + 2;
    expect(job.errors).toEqual([expect.objectContaining({ line, column, contract: code(0), field: 'price', message: expect.stringMatching(/must not be below 0/) })]);
    expect((await contract(code(0))).terms).toEqual(before.terms);
    expect((await contract(code(2))).terms[0].offers.find((o: any) => o.sku === good[7]).price).toBe('77.00');
  });

  it.each([
    ['a quote inside an unquoted field', (h: string) => `${h}\r\nx,${prefix}-000000,1.0,DRAFT,1,PriceTCCustomPriceList,offer,SK"U,USD,1,,,,,\r\n`, 2, /quote inside a field/],
    ['a quoted field never closed', (h: string) => `${h}\r\n,${prefix}-000000,1.0,DRAFT,1,PriceTCCustomPriceList,offer,"SKU,USD,1,,,,,\r\n`, 2, /never closed/],
    ['a row wider than the header', (h: string) => `${h}\r\n,${prefix}-000000,1.0,DRAFT,1,PriceTCCustomPriceList,offer,SKU,USD,1,000.00,,,,,\r\n`, 2, /fields where the header has/],
    ['an unknown column', (h: string) => `${h},discount\r\n`, 1, /"discount" is not a column/],
  ])('%s: the job ends FAILED within seconds with the line and column, and nothing is written', async (_name, build, line, message) => {
    const header = parse(await exported('contract-products', `?code=${code(0)}`))[0].join(',');
    const before = await contract(code(0));
    const started = Date.now();
    const job = await importCsv('contract-products', build(header));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(job).toMatchObject({ status: 'FAILED', counts: { created: 0, updated: 0 } });
    expect(job.errors).toEqual([expect.objectContaining({ line, column: expect.any(Number), message: expect.stringMatching(message) })]);
    expect((await contract(code(0))).terms).toEqual(before.terms);
  });

  it('a CSV import is streamed past the 16 MiB limit of the buffered CSV routes, which answer 413 above it', async () => {
    const header = parse(await exported('contract-products', `?code=${code(0)}`))[0].join(',');
    const padding = `${'x'.repeat(1023)}\r\n`.repeat(17 * 1024);
    const big = await uploadCsv('contract-products', `${header}\r\n,${code(0)},1.0,DRAFT,1,PriceTCCustomPriceList,offer,SK"U,USD,1,,,,,\r\n${padding}`);
    expect(big.status).toBe(202);
    const job = await waitForImport(importer, big.body.id);
    expect(job).toMatchObject({ status: 'FAILED', errors: [expect.objectContaining({ line: 2, message: expect.stringMatching(/quote inside a field/) })] });
    expect(job.progress.totalBytes).toBeGreaterThan(17 * 1024 * 1024);
    const rules = await fetch(`${http.baseUrl}/api/v1/price-rules?contract=${randomUUID()}`, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${importer.token}` }, body: `ITEMCODE,PRICERULE\r\n${padding}`,
    });
    expect(rules.status).toBe(413);
    expect(await rules.json()).toMatchObject({ statusCode: 413 });
  });

  it('refuses a CSV without kind and a kind with XML (400 naming kind), other roles (403); a BOM and CRLF are fine', async () => {
    expect(await uploadCsv(undefined, 'code\r\n')).toMatchObject({ status: 400, body: { details: [{ field: 'kind' }] } });
    expect(await uploadCsv('bogus' as Kind, 'code\r\n')).toMatchObject({ status: 400, body: { details: [{ field: 'kind' }] } });
    const xml = await fetch(`${http.baseUrl}/api/v1/imports?kind=contracts`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${importer.token}` }, body: '<Package/>' });
    expect(xml.status).toBe(400);
    const rep1 = await http.login('rep1');
    expect((await uploadCsv('contracts', 'code\r\n', '', rep1)).status).toBe(403);
    const withBom = `\uFEFF${await exported('contracts', `?code=${code(3)}`)}`;
    expect(await importCsv('contracts', withBom)).toMatchObject({ status: 'SUCCEEDED', counts: { contracts: 1, unchanged: 1 } });
  });
});
