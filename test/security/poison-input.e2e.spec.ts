import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { AppProcess, appEnv } from '../support/app-processes';
import { draftBody } from '../support/contract-fixtures';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';

type Answer = { status: number; body: any; text: string };

/**
 * Poison input over HTTP against the real API, worker, Postgres and Temporal: text Postgres cannot
 * store (NUL), dates outside 1900–9999, times without a zone, unknown currencies. Each is refused at
 * the edge with the status and the field, nothing is written, and the contract then takes its next
 * action normally: no input can wedge a workflow.
 */
describe('poison input is refused at the edge and never wedges a contract', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let rep1: HttpClient;
  let manager1: HttpClient;
  let checkout: HttpClient;
  let db: Client;

  beforeAll(async () => {
    const port = await freePort();
    // A short answer deadline: a refused action must come back as a 4xx at once, not as a 503 timeout.
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `poison-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '20000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    [rep1, manager1, checkout] = await Promise.all([http.login('rep1'), http.login('manager1'), http.login('checkout')]);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  function expectRefusal(res: Answer, status: number, field: string) {
    if (res.status !== status) throw new Error(`expected ${status} naming ${field}, got ${res.status}: ${res.text}`);
    expect(res.body).toMatchObject({ statusCode: status, details: expect.arrayContaining([expect.objectContaining({ field })]) });
    expect(res.text).not.toContain('\u0000');
  }

  async function ok(res: Answer, status = 200): Promise<any> {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
    return res.body;
  }

  async function pendingContract(): Promise<string> {
    const { id } = await ok(await rep1.post('/api/v1/contracts', draftBody()), 201);
    await ok(await rep1.post(`/api/v1/contracts/${id}/submit`));
    return id;
  }

  const rowsWithCode = async (code: string) => Number((await db.query(`SELECT count(*) AS n FROM contracts WHERE code = $1`, [code])).rows[0].n);

  it('cancel with a NUL in the reason: 422 naming reason, then a normal cancel succeeds', async () => {
    const id = await pendingContract();
    expectRefusal(await rep1.post(`/api/v1/contracts/${id}/cancel`, { reason: 'bye\u0000' }), 422, 'reason');
    expect((await ok(await rep1.post(`/api/v1/contracts/${id}/cancel`, { reason: 'bye' }))).status).toBe('CANCELLED');
  });

  it('approve with a NUL in the comment: 422 naming comment, then a normal approve succeeds', async () => {
    const id = await pendingContract();
    expectRefusal(await manager1.post(`/api/v1/contracts/${id}/approve`, { comment: 'fine\u0000' }), 422, 'comment');
    expect((await ok(await manager1.post(`/api/v1/contracts/${id}/approve`, { comment: 'fine' }))).status).toMatch(/^(APPROVED|DEPLOYING|ACTIVE)$/);
    await rep1.waitForStatus(id, 'ACTIVE');
  });

  it('reject with a NUL in the reason: 422 naming reason, then a normal reject succeeds', async () => {
    const id = await pendingContract();
    expectRefusal(await manager1.post(`/api/v1/contracts/${id}/reject`, { reason: '\u0000' }), 422, 'reason');
    expect((await ok(await manager1.post(`/api/v1/contracts/${id}/reject`, { reason: 'price too low' }))).status).toBe('REJECTED');
  });

  it.each([
    ['description', (b: any) => ({ ...b, description: 'Northwind\u0000MSA' })],
    ['seller', (b: any) => ({ ...b, seller: `${b.seller}\u0000` })],
    ['account', (b: any) => ({ ...b, account: '\u0000' })],
    ['terms[0].descriptions.en_US', (b: any) => ({ ...b, terms: [{ ...b.terms[0], descriptions: { en_US: 'five off\u0000' } }, b.terms[1]] })],
    ['terms[2].properties.note', (b: any) => ({ ...b, terms: [...b.terms, { type: 'TermCondition', sequenceNumber: 3, conditionType: 'Note', properties: { note: 'a\u0000b' } }] })],
    ['buyers[0].organization', (b: any) => ({ ...b, buyers: [{ organization: `${b.buyers[0].organization}\u0000` }] })],
  ])('create with a NUL in %s: 422 naming it, no row, and the clean body then creates the contract', async (field, poison) => {
    const body = draftBody();
    expectRefusal(await rep1.post('/api/v1/contracts', poison(body)), 422, field);
    expect(await rowsWithCode(body.code)).toBe(0);
    expect((await ok(await rep1.post('/api/v1/contracts', body), 201)).status).toBe('DRAFT');
  });

  it.each([
    ['startsAt', { startsAt: '0000-01-01T00:00:00Z' }],
    ['startsAt', { startsAt: '10000-01-01T00:00:00Z' }],
    ['endsAt', { endsAt: '10000-01-01T00:00:00Z' }],
    ['currency', { currency: 'XXY' }],
  ])('create with %s out of range or unknown (%j): 422 naming it, nothing written, and the code stays free', async (field, patch) => {
    const body = draftBody();
    expectRefusal(await rep1.post('/api/v1/contracts', { ...body, ...patch }), 422, field);
    expect(await rowsWithCode(body.code)).toBe(0);
    await ok(await rep1.post('/api/v1/contracts', body), 201);
  });

  it('an edit with a NUL, at any depth, is refused with its path and the draft then takes a clean edit', async () => {
    const { id } = await ok(await rep1.post('/api/v1/contracts', draftBody()), 201);
    expectRefusal(await rep1.request('PATCH', `/api/v1/contracts/${id}`, { description: 'x\u0000' }), 422, 'description');
    const terms = draftBody().terms;
    expectRefusal(await rep1.request('PUT', `/api/v1/contracts/${id}/terms`, [terms[0], { ...terms[1], descriptions: { de_DE: '\u0000' } }]), 422, '[1].descriptions.de_DE');
    expect((await ok(await rep1.request('PATCH', `/api/v1/contracts/${id}`, { description: 'edited' }))).description).toBe('edited');
    expect((await ok(await rep1.post(`/api/v1/contracts/${id}/submit`))).status).toBe('PENDING_APPROVAL');
  });

  it('a NUL in the login body gives 400 naming the field, no SQL reaches the log, and the user still logs in', async () => {
    const before = api.output.length;
    expectRefusal(await http.post('/api/v1/auth/token', { username: 'rep1\u0000', password: 'demo' }), 400, 'username');
    expectRefusal(await http.post('/api/v1/auth/token', { username: 'rep1', password: 'de\u0000mo' }), 400, 'password');
    await new Promise((r) => setTimeout(r, 300)); // the request lines are written after the answer
    const logged = api.output.slice(before);
    expect(logged).toMatch(/"status":400/);
    expect(logged).not.toMatch(/SELECT|invalid byte sequence|QueryFailedError|"status":500/);
    await http.login('rep1');
  });

  it.each([
    ['code', '/api/v1/contracts?code=NWF%00'],
    ['buyer', '/api/v1/contracts?buyer=%00'],
    ['currency', '/api/v1/price-lists/DIST-2026?currency=US%00'],
  ])('a NUL in the query parameter %s gives 400 naming it', async (field, path) => {
    expectRefusal(await rep1.get(path), 400, field);
  });

  it('checkout: `at` without a zone and an unknown currency are 422 naming the field; the fixed order is then evaluated', async () => {
    const order = { buyer: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization', currency: 'USD', at: '2026-03-01T12:00:00Z', lines: [{ sku: 'FST-HXB-M8-100', quantity: 1, listPrice: '21.00' }] };
    expectRefusal(await checkout.post('/api/v1/checkout/evaluate', { ...order, at: '2026-03-01T12:00:00' }), 422, 'at');
    expectRefusal(await checkout.post('/api/v1/checkout/evaluate', { ...order, at: '0000-01-01T00:00:00Z' }), 422, 'at');
    expectRefusal(await checkout.post('/api/v1/checkout/evaluate', { ...order, currency: 'XXY' }), 422, 'currency');
    expectRefusal(await checkout.post('/api/v1/checkout/commit', { ...order, orderId: `SO-${randomUUID()}`, lines: [{ ...order.lines[0], sku: 'FST\u0000' }] }), 422, 'lines[0].sku');
    await ok(await checkout.post('/api/v1/checkout/evaluate', { ...order, at: '2026-03-01T13:00:00+01:00' }));
  });

  it('a NUL in a price-rule CSV is 422 with its line and column, and CSV bodies are refused on routes that take none', async () => {
    const { id } = await ok(await rep1.post('/api/v1/contracts', draftBody()), 201);
    const csv = (text: string, path: string, method = 'POST') => fetch(`${http.baseUrl}${path}`, {
      method, headers: { authorization: `Bearer ${rep1.token}`, 'content-type': 'text/csv' }, body: text,
    }).then(async (r) => ({ status: r.status, text: await r.text() })).then((r) => ({ ...r, body: JSON.parse(r.text) }));
    const bad = await csv('ITEMCODE,PRICERULE\nFST-HXB-M8-100,-15%\nFST\u0000,-5%\n', `/api/v1/price-rules?contract=${id}`);
    expect(bad).toMatchObject({ status: 422, body: { details: [{ line: 3, column: 4 }] } });
    const good = await csv('ITEMCODE,PRICERULE\nFST-HXB-M8-100,-15%\n', `/api/v1/price-rules?contract=${id}`);
    expect(good).toMatchObject({ status: 200, body: { priceRules: 1 } });

    const elsewhere = await csv('code,currency\nX,USD\n', '/api/v1/contracts');
    expect(elsewhere).toMatchObject({ status: 415, body: { statusCode: 415, error: 'Unsupported Media Type', message: expect.stringContaining('text/csv') } });
    const xmlElsewhere = await fetch(`${http.baseUrl}/api/v1/contracts`, { method: 'POST', headers: { authorization: `Bearer ${rep1.token}`, 'content-type': 'application/xml' }, body: '<Package/>' });
    expect(xmlElsewhere.status).toBe(415);
  });

  it('no refusal above cost the API a 500 or left an activity failing in the worker', () => {
    expect(api.output).not.toMatch(/"status":5\d\d/);
    expect(worker.output).not.toMatch(/invalid byte sequence|unsupported Unicode escape|date\/time field value out of range/);
  });
});
