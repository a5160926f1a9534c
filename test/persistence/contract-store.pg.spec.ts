import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ContractEntity, ContractStore, createDataSource, writeAccountTerms } from '@pactum/persistence';
import type { LifecycleEvent, NewContract } from '@pactum/domain';
import { draftBody } from '../support/contract-fixtures';
import { EVERY_TERM, FULL_DRAFT } from '../support/every-term.fixture';
import { testStack } from '../support/test-stack';

// Repository tests on the real Postgres with the real migrations (applied by the global setup).
describe('ContractStore (Postgres)', () => {
  let ds: DataSource;
  let store: ContractStore;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 4 }).initialize();
    store = new ContractStore(ds);
  });
  afterAll(() => ds.destroy());

  const newContract = (draft = draftBody()) => ({ id: randomUUID(), workflowId: `wf-${randomUUID()}`, draft, origin: 'Manual', createdBy: 'rep1', at: new Date().toISOString() });
  const event = (contractId: string, seq: number, fromStatus: any, toStatus: any, extra: Partial<LifecycleEvent> = {}): LifecycleEvent =>
    ({ contractId, seq, at: new Date().toISOString(), actor: 'rep1', action: 'test', fromStatus, toStatus, ...extra });
  const count = async (sql: string, params: unknown[]) => Number((await ds.query(sql, params))[0].n);

  it('has applied every migration', async () => {
    const rows = await ds.query('SELECT name FROM schema_migrations');
    expect(rows.map((r: { name: string }) => r.name)).toContain('InitialSchema1764000000000');
    expect(await ds.showMigrations()).toBe(false);
  });

  it('round-trips a draft with its buyers and terms unchanged (decimals stay strings)', async () => {
    const rec = newContract();
    expect(await store.createDraft(rec)).toEqual({ created: true });
    const found = await store.findById(rec.id);
    expect(found!.contract).toMatchObject({ code: rec.draft.code, status: 'DRAFT', currency: 'USD', owner: 'rep1', versionMajor: 1, versionMinor: 0 });
    expect(found!.buyers).toEqual(rec.draft.buyers);
    expect(found!.terms).toEqual(rec.draft.terms);
    expect(await store.history(rec.id)).toEqual([expect.objectContaining({ seq: 1, action: 'create', toStatus: 'DRAFT', actor: 'rep1' })]);
  });

  it('reads a contract row exactly as TypeORM loads the entity, in one query per read (header, record, list)', async () => {
    const base = newContract(draftBody({ isBase: true, comment: 'base terms', creditAllowed: true }));
    await store.createDraft(base);
    const rec = newContract(draftBody({ baseContract: { code: base.draft.code } as any, description: null as any }));
    await store.createDraft(rec);
    await store.recordTransition(event(rec.id, 2, 'DRAFT', 'PENDING_APPROVAL', { submittedBy: 'rep1' }));
    await ds.query(`UPDATE contracts SET deleted_at = '2026-03-04T05:06:07.123456Z' WHERE id = $1`, [base.id]);
    const entity = (id: string) => ds.getRepository(ContractEntity).findOneByOrFail({ id });
    const [baseEntity, recEntity] = [await entity(base.id), await entity(rec.id)];
    expect(baseEntity.deletedAt).toBeInstanceOf(Date);
    expect(recEntity.baseContractId).toBe(base.id);

    const queries: string[] = [];
    const query = ds.query.bind(ds);
    const counted = jest.spyOn(ds, 'query').mockImplementation((sql: string, params?: unknown[]) => { queries.push(sql); return query(sql, params); });
    try {
      expect(await store.findHeader(base.id)).toEqual(baseEntity);
      expect(await store.findHeader(rec.id)).toEqual(recEntity);
      expect(await store.findHeader(randomUUID())).toBeNull();
      const found = await store.findById(rec.id);
      expect(found!.contract).toEqual(recEntity);
      expect(found!.contract).toBeInstanceOf(ContractEntity);
      expect(found!.baseContract).toEqual({ id: base.id, code: base.draft.code, versionMajor: 1, versionMinor: 0 });
      expect((await store.findById(base.id))!.contract).toEqual(baseEntity);
      expect(await store.findById(randomUUID())).toBeNull();
      expect(await store.findHeaderForDecision(rec.id)).toEqual({ contract: recEntity, decisionSeq: 2 });
      expect(await store.findHeaderForDecision(randomUUID())).toBeNull();
      expect(queries).toHaveLength(8);
    } finally {
      counted.mockRestore();
    }
    const both = await store.findByIds([rec.id, base.id, randomUUID()]);
    expect(both.map((r) => r.contract).sort((a, b) => a.id.localeCompare(b.id))).toEqual([baseEntity, recEntity].sort((a, b) => a.id.localeCompare(b.id)));
    const page = await store.list({ code: rec.draft.code, page: 1, pageSize: 10 });
    expect(page).toMatchObject({ total: 1, items: [{ contract: recEntity, terms: rec.draft.terms, baseContract: { id: base.id } }] });
  });

  it('binds decisions to the last real change: audit notes (reminders, escalations, notices) do not move the decision seq', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    expect(await store.findHeaderForDecision(rec.id)).toMatchObject({ decisionSeq: 1 });
    await store.recordTransition(event(rec.id, 2, 'DRAFT', 'PENDING_APPROVAL', { action: 'submit', submittedBy: 'rep1' }));
    await store.recordTransition(event(rec.id, 3, 'PENDING_APPROVAL', 'PENDING_APPROVAL', { action: 'remind', actor: 'system' }));
    await store.recordTransition(event(rec.id, 4, 'PENDING_APPROVAL', 'PENDING_APPROVAL', { action: 'escalate', actor: 'system' }));
    const found = await store.findHeaderForDecision(rec.id);
    expect(found).toMatchObject({ decisionSeq: 2, contract: { id: rec.id, status: 'PENDING_APPROVAL' } });
    expect(found!.contract.stateSeq).toBe(4);
  });

  it('creates a draft with every term type in one statement; a retry writes nothing, and a row that cannot be stored leaves nothing behind', async () => {
    const queries: string[] = [];
    const query = ds.query.bind(ds);
    const counted = jest.spyOn(ds, 'query').mockImplementation((sql: string, params?: unknown[]) => { queries.push(sql); return query(sql, params); });
    const rec = newContract(draftBody({ ...FULL_DRAFT, terms: EVERY_TERM } as any));
    try {
      expect(await store.createDraft(rec)).toEqual({ created: true });
      expect(queries).toHaveLength(1);
      expect(await store.createDraft(rec)).toEqual({ created: false });
    } finally {
      counted.mockRestore();
    }
    const found = (await store.findById(rec.id))!;
    expect({ buyers: found.buyers, terms: found.terms, attachments: found.attachments, contacts: found.contacts, descriptions: found.descriptions, forceContractPrice: found.forceContractPrice })
      .toStrictEqual({ buyers: FULL_DRAFT.buyers, terms: EVERY_TERM, attachments: FULL_DRAFT.attachments, contacts: FULL_DRAFT.contacts, descriptions: FULL_DRAFT.descriptions, forceContractPrice: true });
    expect(await store.history(rec.id)).toHaveLength(1);

    const bad = newContract(draftBody({ terms: [...draftBody().terms, { type: 'PriceTCCustomPriceList', sequenceNumber: 3, offers: [{ sku: 'A', price: '-1', currency: 'USD' }] } as any] }));
    await expect(store.createDraft(bad)).rejects.toThrow(/check constraint/);
    expect(await count('SELECT count(*) AS n FROM contracts WHERE id = $1', [bad.id])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM contract_terms WHERE contract_id = $1', [bad.id])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM contract_history WHERE contract_id = $1', [bad.id])).toBe(0);
  });

  it('creates a draft with more offers than one import chunk holds (25,000) in its one statement', async () => {
    const offers = Array.from({ length: 25_000 }, (_, i) => ({ sku: `SKU-${i}`, price: `${i}.50`, currency: 'USD' }));
    const rec = newContract(draftBody({ terms: [...draftBody().terms, { type: 'PriceTCCustomPriceList', sequenceNumber: 3, name: 'BIG', offers } as any] }));
    expect(await store.createDraft(rec)).toEqual({ created: true });
    expect(await count('SELECT count(*) AS n FROM contract_price_offers WHERE contract_id = $1', [rec.id])).toBe(25_000);
    expect((await store.findById(rec.id))!.terms[2]).toStrictEqual({ type: 'PriceTCCustomPriceList', sequenceNumber: 3, name: 'BIG', offers });
  }, 60_000);

  it('reads what a submit checks in one query: base reference, the seller\'s approval setting, the account with its terms', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    const account = await store.accountByName('Northwind Fabrication', rec.draft.seller);
    expect(account).not.toBeNull();
    expect(await store.submissionContext(rec.id, rec.draft.seller, 'Northwind Fabrication')).toEqual({
      baseContractId: null, sellerRequiresApproval: true, account,
    });
    // An account with header-only terms of several shapes (decimals, descriptions, properties).
    const name = `Account ${randomUUID().slice(0, 8)}`;
    const [{ id: accountId }] = await ds.query(`INSERT INTO business_accounts (name, seller_dn, buyer_dn) VALUES ($1, $2, 'o=Buyer') RETURNING id`, [name, rec.draft.seller]);
    const terms = EVERY_TERM.filter((t) => [10, 12, 14, 16, 21, 23, 25].includes(t.sequenceNumber));
    await ds.transaction((m) => writeAccountTerms(m, accountId, terms));
    expect(await store.submissionContext(rec.id, rec.draft.seller, name)).toEqual({
      baseContractId: null, sellerRequiresApproval: true,
      account: { name, buyerDn: 'o=Buyer', creditAllowed: false, terms },
    });
    expect((await store.submissionContext(rec.id, rec.draft.seller, name))!.account).toStrictEqual(await store.accountByName(name, rec.draft.seller));
    expect(await store.submissionContext(rec.id, 'o=Nobody', 'No such account')).toEqual({ baseContractId: null, sellerRequiresApproval: true, account: null });
    // The seller's own setting when it has one.
    const noApproval = `o=No Approval ${randomUUID().slice(0, 8)}`;
    await ds.query(`INSERT INTO organizations (dn, name, requires_contract_approval) VALUES ($1, $1, false)`, [noApproval]);
    expect(await store.submissionContext(rec.id, noApproval, null)).toEqual({ baseContractId: null, sellerRequiresApproval: false, account: null });
    expect(await store.submissionContext(randomUUID(), rec.draft.seller, null)).toBeNull();
  });

  it('creating the same draft twice (a retried activity) writes it once', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    expect(await store.createDraft(rec)).toEqual({ created: false });
    expect(await count('SELECT count(*) AS n FROM contracts WHERE id = $1', [rec.id])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM contract_terms WHERE contract_id = $1', [rec.id])).toBe(2);
    expect(await count('SELECT count(*) AS n FROM contract_history WHERE contract_id = $1', [rec.id])).toBe(1);
  });

  it('refuses a second contract with the same unique key and a different id', async () => {
    const draft = draftBody();
    await store.createDraft(newContract(draft));
    await expect(store.createDraft(newContract(draft))).rejects.toMatchObject({ kind: 'conflict', code: 'CONTRACT_EXISTS' });
  });

  it('records a transition once, and an older (retried) event never overwrites a newer one', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    const submit = event(rec.id, 2, 'DRAFT', 'PENDING_APPROVAL', { submittedBy: 'rep1' });
    await store.recordTransition(submit);
    await store.recordTransition(event(rec.id, 3, 'PENDING_APPROVAL', 'APPROVED'));
    await store.recordTransition(submit); // replayed late
    const found = await store.findById(rec.id);
    expect(found!.contract).toMatchObject({ status: 'APPROVED', stateSeq: 3, submittedBy: 'rep1' });
    expect((await store.history(rec.id)).map((h) => h.seq)).toEqual([1, 2, 3]);
  });

  it('records a step with its notice once, however often and however concurrently it runs; a different step under a taken number writes nothing', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    const submit = event(rec.id, 2, 'DRAFT', 'PENDING_APPROVAL', { action: 'submit', submittedBy: 'rep1', notice: { kind: 'approvalRequested', actor: 'rep1' } });
    await Promise.all([store.recordTransition(submit, 'q1'), store.recordTransition(submit, 'q1'), store.recordTransition(submit, 'q1')]);
    await store.recordTransition(submit, 'q1');
    expect(await ds.query('SELECT key, task_queue, seq, kind, actor FROM contract_notices WHERE contract_id = $1', [rec.id]))
      .toEqual([{ key: `${rec.id}/2/approvalRequested`, task_queue: 'q1', seq: 2, kind: 'approvalRequested', actor: 'rep1' }]);
    expect(await ds.query('SELECT action, to_status FROM contract_history WHERE contract_id = $1 AND seq = 2', [rec.id]))
      .toEqual([{ action: 'submit', to_status: 'PENDING_APPROVAL' }]);

    // Another step under number 2 (the contract changed meanwhile): refused; no status change, no notice.
    const reject = event(rec.id, 2, 'PENDING_APPROVAL', 'REJECTED', { action: 'reject', notice: { kind: 'rejected', actor: 'mgr1', reason: 'no' } });
    await expect(store.recordTransition(reject, 'q1')).rejects.toMatchObject({ code: 'CONTRACT_CHANGED' });
    expect((await store.findById(rec.id))!.contract).toMatchObject({ status: 'PENDING_APPROVAL', stateSeq: 2, submittedBy: 'rep1' });
    expect(await count('SELECT count(*) AS n FROM contract_notices WHERE contract_id = $1', [rec.id])).toBe(1);

    await store.deploy(event(rec.id, 3, 'DEPLOYING', 'ACTIVE', { actor: 'system', action: 'deploySucceeded' }));
    await store.recordTransition(event(rec.id, 4, 'ACTIVE', 'CANCELLED', { action: 'cancel' }));
    expect((await store.findById(rec.id))!.contract).toMatchObject({ status: 'CANCELLED', stateSeq: 4 });
  });

  it('deploys once: one deployment row and ACTIVE, however often the activity runs', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    const deployed = event(rec.id, 2, 'DEPLOYING', 'ACTIVE', { actor: 'system' });
    await Promise.all([store.deploy(deployed), store.deploy(deployed)]);
    await store.deploy(deployed);
    expect(await count('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = $1', [rec.id])).toBe(1);
    expect((await store.findById(rec.id))!.contract.status).toBe('ACTIVE');
    expect(await ds.query('SELECT terms_count, buyers_count FROM contract_deployments WHERE contract_id = $1', [rec.id])).toEqual([{ terms_count: 2, buyers_count: 1 }]);
  });

  it('deploys an approved contract in one transaction with its step into DEPLOYING, once however often it runs; nothing when it fails', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    await store.recordTransition(event(rec.id, 2, 'DRAFT', 'APPROVED'));
    const start = event(rec.id, 3, 'APPROVED', 'DEPLOYING', { actor: 'system', action: 'startDeploy' });
    const deployed = event(rec.id, 4, 'DEPLOYING', 'ACTIVE', { actor: 'system', action: 'deploySucceeded' });
    // A step that took number 3 meanwhile (another version's deploy closed it): refused, and the deploy writes nothing.
    const other = newContract();
    await store.createDraft(other);
    await store.recordTransition(event(other.id, 2, 'DRAFT', 'APPROVED', { action: 'approve' }));
    await store.recordTransition(event(other.id, 3, 'APPROVED', 'CLOSED', { actor: 'system', action: 'close' }));
    await expect(store.deploy({ ...deployed, contractId: other.id }, { ...start, contractId: other.id })).rejects.toMatchObject({ code: 'CONTRACT_CHANGED' });
    expect(await count('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = $1', [other.id])).toBe(0);
    expect((await store.history(other.id)).map((h) => h.action)).toEqual(['create', 'approve', 'close']);

    await Promise.all([store.deploy(deployed, start), store.deploy(deployed, start)]);
    await store.deploy(deployed, start);
    expect(await count('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = $1', [rec.id])).toBe(1);
    expect((await store.findById(rec.id))!.contract).toMatchObject({ status: 'ACTIVE', stateSeq: 4 });
    expect((await store.history(rec.id)).map((h) => [h.seq, h.toStatus])).toEqual([[1, 'DRAFT'], [2, 'APPROVED'], [3, 'DEPLOYING'], [4, 'ACTIVE']]);
  });

  it('deploys many contracts as one after the other: a later version in the same call closes the earlier one; once however often it runs; nothing when one fails', async () => {
    const approved = async (rec: NewContract) => {
      await store.createDraft(rec);
      await store.recordTransition(event(rec.id, 2, 'DRAFT', 'APPROVED', { action: 'approve' }));
      return rec;
    };
    const steps = (id: string) => ({
      start: event(id, 3, 'APPROVED', 'DEPLOYING', { actor: 'system', action: 'startDeploy' }),
      deploy: event(id, 4, 'DEPLOYING', 'ACTIVE', { actor: 'system', action: 'deploySucceeded' }),
    });
    const v1 = await approved(newContract());
    const v2 = await approved({ ...newContract(v1.draft), version: { major: 2, minor: 0 } });
    const other = await approved(newContract());
    const alone = await approved(newContract());
    // An Active older version of `other`'s family is closed by its deploy.
    const old = await approved({ ...newContract(draftBody({ code: other.draft.code })), version: { major: 0, minor: 9 } });
    await store.deploy(steps(old.id).deploy, steps(old.id).start);

    const closed = await store.deployMany([steps(v1.id), steps(other.id), steps(v2.id), steps(alone.id)]);
    expect(closed).toEqual([[], [{ contractId: old.id, workflowId: old.workflowId }], [{ contractId: v1.id, workflowId: v1.workflowId }], []]);
    const status = async (id: string) => (await store.findHeader(id))!;
    expect(await status(v1.id)).toMatchObject({ status: 'CLOSED', stateSeq: 5 });
    expect(await status(old.id)).toMatchObject({ status: 'CLOSED', stateSeq: 5 });
    for (const rec of [v2, other, alone]) expect(await status(rec.id)).toMatchObject({ status: 'ACTIVE', stateSeq: 4 });
    expect((await store.history(v1.id)).map((h) => [h.seq, h.action, h.toStatus, h.actor])).toEqual([
      [1, 'create', 'DRAFT', 'rep1'], [2, 'approve', 'APPROVED', 'rep1'], [3, 'startDeploy', 'DEPLOYING', 'system'], [4, 'deploySucceeded', 'ACTIVE', 'system'], [5, 'close', 'CLOSED', 'system'],
    ]);
    expect((await store.history(v1.id))[4].detail).toEqual({ reason: 'version 2.0 deployed', by: v2.id });
    const deployments = async (ids: string[]) => count('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = ANY($1::uuid[])', [ids]);
    expect(await deployments([v2.id, other.id, alone.id])).toBe(3);
    expect(await deployments([v1.id, old.id])).toBe(0);

    // Again (a retried activity): the same lines, the closed versions reported again, nothing added.
    await ds.query(`DELETE FROM contract_deployments WHERE contract_id = $1`, [alone.id]);
    expect(await store.deployMany([steps(other.id), steps(alone.id)])).toEqual([[{ contractId: old.id, workflowId: old.workflowId }], []]);
    expect((await store.history(other.id)).map((h) => h.seq)).toEqual([1, 2, 3, 4]);
    expect(await deployments([other.id, alone.id])).toBe(2);

    // One contract whose step number was taken (closed meanwhile): none of the call's deploys is written.
    const a = await approved(newContract());
    const b = await approved(newContract());
    await store.recordTransition(event(b.id, 3, 'APPROVED', 'CLOSED', { actor: 'system', action: 'close' }));
    await expect(store.deployMany([steps(a.id), steps(b.id)])).rejects.toMatchObject({ code: 'CONTRACT_CHANGED' });
    expect(await status(a.id)).toMatchObject({ status: 'APPROVED', stateSeq: 2 });
    expect(await deployments([a.id, b.id])).toBe(0);
    expect((await store.history(a.id)).map((h) => h.action)).toEqual(['create', 'approve']);
  });

  it('records an approval with its deploy in one transaction, once however often it runs; a deploy that fails leaves the approval alone', async () => {
    const steps = (id: string) => ({
      approve: event(id, 3, 'PENDING_APPROVAL', 'APPROVED', { actor: 'manager1', action: 'approve', notice: { kind: 'approved', actor: 'manager1' } }),
      start: event(id, 4, 'APPROVED', 'DEPLOYING', { actor: 'system', action: 'startDeploy' }),
      deploy: event(id, 5, 'DEPLOYING', 'ACTIVE', { actor: 'system', action: 'deploySucceeded' }),
    });
    const pending = async () => {
      const rec = newContract();
      await store.createDraft(rec);
      await store.recordTransition(event(rec.id, 2, 'DRAFT', 'PENDING_APPROVAL', { action: 'submit', submittedBy: 'rep1' }));
      return rec;
    };
    const notices = (id: string) => ds.query('SELECT key, kind FROM contract_notices WHERE contract_id = $1', [id]);

    const rec = await pending();
    const { approve, start, deploy } = steps(rec.id);
    const runs = await Promise.all([store.approveAndDeploy(approve, { start, deploy }, 'q'), store.approveAndDeploy(approve, { start, deploy }, 'q')]);
    runs.push(await store.approveAndDeploy(approve, { start, deploy }, 'q'));
    expect(runs).toEqual([{ deployed: true, closed: [] }, { deployed: true, closed: [] }, { deployed: true, closed: [] }]);
    expect(await count('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = $1', [rec.id])).toBe(1);
    expect((await store.findById(rec.id))!.contract).toMatchObject({ status: 'ACTIVE', stateSeq: 5 });
    expect((await store.history(rec.id)).map((h) => [h.seq, h.action, h.toStatus])).toEqual([
      [1, 'create', 'DRAFT'], [2, 'submit', 'PENDING_APPROVAL'], [3, 'approve', 'APPROVED'], [4, 'startDeploy', 'DEPLOYING'], [5, 'deploySucceeded', 'ACTIVE'],
    ]);
    expect(await notices(rec.id)).toEqual([{ key: `${rec.id}/3/approved`, kind: 'approved' }]);

    // The deploy part fails (its step into DEPLOYING finds number 4 taken by another step): rolled
    // back to the savepoint, and the approval with its notice commits alone.
    const failing = await pending();
    const f = steps(failing.id);
    await ds.query(`INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status) VALUES ($1, 4, now(), 'system', 'close', 'APPROVED', 'CLOSED')`, [failing.id]);
    const outcome = await store.approveAndDeploy(f.approve, { start: f.start, deploy: f.deploy }, 'q');
    expect(outcome).toMatchObject({ deployed: false, closed: [] });
    expect(outcome.reason).toMatch(/changed meanwhile/);
    expect((await store.findById(failing.id))!.contract).toMatchObject({ status: 'APPROVED', stateSeq: 3 });
    expect(await count('SELECT count(*) AS n FROM contract_deployments WHERE contract_id = $1', [failing.id])).toBe(0);
    expect((await store.history(failing.id)).map((h) => h.action)).toEqual(['create', 'submit', 'approve', 'close']);
    expect(await notices(failing.id)).toEqual([{ key: `${failing.id}/3/approved`, kind: 'approved' }]);

    // An approval that cannot be recorded (number 3 taken by another step) fails the whole: nothing written.
    const refused = await pending();
    const r = steps(refused.id);
    await ds.query(`INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status) VALUES ($1, 3, now(), 'system', 'close', 'PENDING_APPROVAL', 'CLOSED')`, [refused.id]);
    await expect(store.approveAndDeploy(r.approve, { start: r.start, deploy: r.deploy }, 'q')).rejects.toMatchObject({ code: 'CONTRACT_CHANGED' });
    expect((await store.findById(refused.id))!.contract).toMatchObject({ status: 'PENDING_APPROVAL', stateSeq: 2 });
    expect(await notices(refused.id)).toEqual([]);
  });

  it('keeps the audit trail append-only at the database level', async () => {
    const rec = newContract();
    await store.createDraft(rec);
    await expect(ds.query(`UPDATE contract_history SET actor = 'mallory' WHERE contract_id = $1`, [rec.id])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM contract_history WHERE contract_id = $1`, [rec.id])).rejects.toThrow(/append-only/);
  });

  it('lists with filters and pagination, newest first', async () => {
    const code = `LIST-${randomUUID().slice(0, 6)}`;
    const rec = newContract(draftBody({ code }));
    await store.createDraft(rec);
    const { items, total } = await store.list({ code, page: 1, pageSize: 10 });
    expect(total).toBe(1);
    expect(items[0].contract.id).toBe(rec.id);
    expect((await store.list({ code, status: 'ACTIVE', page: 1, pageSize: 10 })).total).toBe(0);
  });
});
