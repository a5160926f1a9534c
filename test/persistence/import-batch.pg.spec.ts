import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ContractDraft } from '@pactum/domain';
import { ContractStore, createDataSource, ImportJobStore, type ImportedContractRow, type ImportResultRow } from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { EVERY_TERM, FULL_DRAFT } from '../support/every-term.fixture';
import { testStack } from '../support/test-stack';

// The bulk import's batch write: every row of a batch of new contract versions in one statement.
describe('ImportJobStore.insertContracts (Postgres)', () => {
  let ds: DataSource;
  let jobs: ImportJobStore;
  let contracts: ContractStore;
  let jobId: string;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 2 }).initialize();
    jobs = new ImportJobStore(ds);
    contracts = new ContractStore(ds);
    jobId = randomUUID();
    await jobs.createJob({ id: jobId, createdBy: 'integrator', dryRun: false, createMissing: false });
  });
  afterAll(() => ds?.destroy());

  let index = 0;
  const row = (draft: ContractDraft, status: ImportedContractRow['status'] = 'DRAFT'): ImportedContractRow => {
    const id = randomUUID();
    return { id, workflowId: `wf-${id}`, origin: 'Imported', version: { major: 1, minor: 0 }, draft, status, createdBy: 'integrator', at: new Date().toISOString() };
  };
  const resultOf = (c: ImportedContractRow): ImportResultRow => ({
    jobId, recordIndex: index++, kind: 'contract', outcome: 'created', code: c.draft.code, contractId: c.id, line: 1, priceLines: 0, workflowPending: c.status !== 'DRAFT',
  });
  const count = async (sql: string, params: unknown[]) => Number((await ds.query(sql, params))[0].n);

  it('writes new versions with their content, audit lines, approval requests and result rows in one statement, and leaves out a version that exists', async () => {
    const full = row(draftBody({ ...FULL_DRAFT, terms: EVERY_TERM } as any), 'APPROVED');
    const plain = row(draftBody(), 'PENDING_APPROVAL');
    const existing = row(draftBody());
    await ds.transaction((m) => jobs.insertContract(m, existing));
    const batch = [full, existing, plain];
    const queries: string[] = [];
    const query = ds.query.bind(ds);
    const counted = jest.spyOn(ds, 'query').mockImplementation((sql: string, params?: unknown[]) => { queries.push(sql); return query(sql, params); });
    let inserted: Set<string>;
    try {
      inserted = await jobs.insertContracts(ds, batch, batch.map(resultOf));
    } finally {
      counted.mockRestore();
    }
    // The batch, then the wake-up of the notice dispatcher for the approval request.
    expect(queries).toHaveLength(2);
    expect(inserted).toEqual(new Set([full.id, plain.id]));

    const found = (await contracts.findById(full.id))!;
    expect(found.contract).toMatchObject({ status: 'APPROVED', stateSeq: 2, owner: 'integrator' });
    expect(found.forceContractPrice).toBe(true);
    expect({ buyers: found.buyers, terms: found.terms, attachments: found.attachments, contacts: found.contacts, descriptions: found.descriptions })
      .toStrictEqual({ buyers: FULL_DRAFT.buyers, terms: EVERY_TERM, attachments: FULL_DRAFT.attachments, contacts: FULL_DRAFT.contacts, descriptions: FULL_DRAFT.descriptions });
    expect((await contracts.history(full.id)).map((h) => [h.seq, h.action, h.toStatus])).toEqual([[1, 'create', 'DRAFT'], [2, 'import', 'APPROVED']]);
    expect((await contracts.findById(plain.id))!.contract).toMatchObject({ status: 'PENDING_APPROVAL', submittedBy: 'integrator' });
    expect(await count(`SELECT count(*) AS n FROM contract_notices WHERE contract_id = $1 AND kind = 'approvalRequested'`, [plain.id])).toBe(1);

    // The existing version: no second audit line, no result row (the importer writes it the other way).
    expect(await count('SELECT count(*) AS n FROM contract_history WHERE contract_id = $1', [existing.id])).toBe(1);
    expect((await ds.query(`SELECT contract_id FROM import_job_results WHERE job_id = $1 ORDER BY record_index`, [jobId])).map((r: { contract_id: string }) => r.contract_id))
      .toEqual([full.id, plain.id]);
  });

  it('writes nothing when one row of the batch cannot be stored', async () => {
    const good = row(draftBody());
    // The same buyer twice breaks contract_buyers' key: the batch is all or nothing.
    const twice = row(draftBody({ buyers: [draftBody().buyers[0]!, draftBody().buyers[0]!] }));
    const results = [good, twice].map(resultOf);
    await expect(jobs.insertContracts(ds, [good, twice], results)).rejects.toThrow(/duplicate key/);
    expect(await count('SELECT count(*) AS n FROM contracts WHERE id = ANY($1::uuid[])', [[good.id, twice.id]])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM import_job_results WHERE job_id = $1 AND contract_id = ANY($2::uuid[])', [jobId, [good.id, twice.id]])).toBe(0);
    // One by one, the same contracts are written (a repeated row is written once there).
    for (const c of [good, twice]) expect(await ds.transaction((m) => jobs.insertContract(m, c))).toBe(true);
    expect(await count('SELECT count(*) AS n FROM contract_buyers WHERE contract_id = $1', [twice.id])).toBe(1);
  });
});
