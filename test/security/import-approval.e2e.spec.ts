import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { freePort } from '@pactum/local-stack';
import { hashPassword } from '@pactum/security';
import { AppProcess, appEnv } from '../support/app-processes';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { insertTestUsers } from '../support/test-users';
import { generatedXml, uploadXml, waitForImport } from '../imports/support/import-client';

const GENERATED_SELLER = 'o=Acme Industrial,o=Root Organization';

/**
 * An import cannot skip the approval: a file's Approved/Active contracts deploy without a sales
 * manager only for an importer holding import_approved, or for a seller that needs no approval;
 * otherwise they wait in PENDING_APPROVAL, submitted by the importer, for a manager of the seller.
 */
describe('approval cannot be skipped by import', () => {
  const suffix = randomUUID().slice(0, 8);
  const seller = `o=Importsec ${suffix},o=Root Organization`;
  const freeSeller = `o=Importsec free ${suffix},o=Root Organization`;
  const u = { mgr: `is-mgr-${suffix}`, trusted: `is-trusted-${suffix}` };
  let api: AppProcess;
  let worker: AppProcess;
  let http: HttpClient;
  let db: Client;
  let temporal: TemporalClient;
  const as: Record<string, HttpClient> = {};

  beforeAll(async () => {
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    temporal = new TemporalClient({ connection: await Connection.connect({ address: testStack().temporalAddress }) });
    await db.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $1, 'o=Root Organization')`, [seller]);
    await db.query(`INSERT INTO organizations (dn, name, parent_dn, requires_contract_approval) VALUES ($1, $1, 'o=Root Organization', false)`, [freeSeller]);
    await insertTestUsers(db, [{ username: u.mgr, role: 'sales_manager', organization: seller }]);
    await db.query(`INSERT INTO users (username, password_hash, roles, organization_dn) VALUES ($1, $2, $3, $4)`,
      [u.trusted, await hashPassword('demo'), ['integration', 'import_approved'], seller]);
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `sec-import-${suffix}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    http = new HttpClient(`http://127.0.0.1:${port}`);
    for (const [key, username] of Object.entries(u)) as[key] = await http.login(username);
    as.integrator = await http.login('integrator');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.end();
    await temporal?.connection.close();
  });

  /** Imports `count` generated contracts for `sellerDn`, all in state Active; their ids in file order. */
  async function importActive(by: HttpClient, prefix: string, sellerDn: string, count = 2, endTime?: string): Promise<string[]> {
    let xml = (await generatedXml(prefix, count, 1)).replaceAll(GENERATED_SELLER, sellerDn).replaceAll('state="Draft"', 'state="Active"');
    if (endTime) xml = xml.replaceAll('endTime="2027-01-01T00:00:00"', `endTime="${endTime}"`);
    const job = await waitForImport(by, (await uploadXml(by, xml, '?createMissing=true')).body.id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', counts: { created: count, failed: 0 } });
    const { rows } = await db.query(`SELECT id FROM contracts WHERE code LIKE $1 ORDER BY code`, [`${prefix}-%`]);
    return rows.map((r) => r.id);
  }

  it('leaves an Active contract imported by integration (no import_approved) in PENDING_APPROVAL, submitted by the importer, until a manager approves', async () => {
    const [id] = await importActive(as.integrator!, `IS1${suffix}`, seller, 1);
    // Give the workflow time to deploy if it were going to.
    await new Promise((r) => setTimeout(r, 2_000));
    const contract = (await as.integrator!.get(`/api/v1/contracts/${id}`)).body;
    expect(contract).toMatchObject({ status: 'PENDING_APPROVAL', origin: 'Imported' });
    const history = (await as.integrator!.get(`/api/v1/contracts/${id}/history`)).body as any[];
    expect(history.map((h) => [h.actor, h.action, h.toStatus])).toEqual([['integrator', 'create', 'DRAFT'], ['integrator', 'import', 'PENDING_APPROVAL']]);
    expect(history[1].detail).toMatchObject({ reason: expect.stringMatching(/without import_approved/) });
    const { rows } = await db.query(`SELECT submitted_by FROM contracts WHERE id = $1`, [id]);
    expect(rows[0].submitted_by).toBe('integrator');
    const notices = await db.query(`SELECT kind, actor FROM contract_notices WHERE contract_id = $1`, [id]);
    expect(notices.rows).toEqual([{ kind: 'approvalRequested', actor: 'integrator' }]);
    // The seller's manager sees it in the inbox and approves it; then it deploys.
    expect((await as.mgr!.get('/api/v1/inbox')).body.items.map((i: { id: string }) => i.id)).toContain(id);
    const approved = await as.mgr!.post(`/api/v1/contracts/${id}/approve`, { comment: 'checked the import' });
    expect(approved.status).toBe(200);
    await as.mgr!.waitForStatus(id!, 'ACTIVE', 60_000);
  }, 120_000);

  it('deploys an Active contract without a manager when the importer holds import_approved, saying so in the audit line', async () => {
    const [id] = await importActive(as.trusted!, `IS2${suffix}`, seller, 1);
    await as.trusted!.waitForStatus(id!, 'ACTIVE', 60_000);
    const history = (await as.trusted!.get(`/api/v1/contracts/${id}/history`)).body as any[];
    expect(history.find((h) => h.action === 'import')).toMatchObject({ actor: u.trusted, toStatus: 'APPROVED', detail: { approvedBy: 'import_approved' } });
  }, 120_000);

  it('deploys an Active contract imported by integration when its seller requires no approval', async () => {
    const [id] = await importActive(as.integrator!, `IS3${suffix}`, freeSeller, 1);
    await as.integrator!.waitForStatus(id!, 'ACTIVE', 60_000);
    const history = (await as.integrator!.get(`/api/v1/contracts/${id}/history`)).body as any[];
    expect(history.find((h) => h.action === 'import')).toMatchObject({ toStatus: 'APPROVED', detail: { approvedBy: 'seller requires no approval' } });
  }, 120_000);

  it('deploys an imported Active contract in the import itself and starts its workflow with no task until its first timer; an action runs it at once', async () => {
    const [id] = await importActive(as.trusted!, `IS4${suffix}`, seller, 1, '2030-01-01T00:00:00');
    // ACTIVE when the job has ended: the import deployed it, with the lines a workflow's deploy writes.
    const contract = (await as.trusted!.get(`/api/v1/contracts/${id}`)).body;
    expect(contract.status).toBe('ACTIVE');
    const history = (await as.trusted!.get(`/api/v1/contracts/${id}/history`)).body as any[];
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
      ['create', null, 'DRAFT'], ['import', 'DRAFT', 'APPROVED'], ['startDeploy', 'APPROVED', 'DEPLOYING'], ['deploySucceeded', 'DEPLOYING', 'ACTIVE'],
    ]);
    expect(history.slice(2).map((h) => h.actor)).toEqual(['system', 'system']);
    const { rows: [{ workflow_id: workflowId }] } = await db.query(`SELECT workflow_id FROM contracts WHERE id = $1`, [id]);
    const handle = temporal.workflow.getHandle(workflowId);
    // The workflow's first task waits for the "expiring soon" notice, years ahead: no task has run.
    const started = (await handle.fetchHistory()).events!;
    expect(started.map((e) => e.eventType)).toEqual([1]); // WORKFLOW_EXECUTION_STARTED only
    const backoffS = Number(started[0]!.workflowExecutionStartedEventAttributes!.firstWorkflowTaskBackoff!.seconds);
    expect(backoffS).toBeGreaterThan(365 * 86_400);
    // A manager's action is an update: it runs the workflow at once, with the state the import left.
    const suspended = await as.mgr!.post(`/api/v1/contracts/${id}/suspend`, {});
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('SUSPENDED');
    const after = (await as.mgr!.get(`/api/v1/contracts/${id}/history`)).body as any[];
    expect(after.at(-1)).toMatchObject({ action: 'suspend', fromStatus: 'ACTIVE', toStatus: 'SUSPENDED', actor: u.mgr });
    expect((await handle.fetchHistory()).events!.length).toBeGreaterThan(1);
  }, 120_000);
});
