import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ContractDraft } from '@pactum/domain';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { arrayLiteral, copySql, copyText, ContractStore, createDataSource, ImportJobStore, type ImportedContractRow, type ImportResultRow } from '@pactum/persistence';
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

  it('writes new versions with their content, audit lines, approval requests and result rows in one statement and their offers in one COPY, and leaves out a version that exists, offers included', async () => {
    const full = row(draftBody({ ...FULL_DRAFT, terms: EVERY_TERM } as any), 'APPROVED');
    const plain = row(draftBody(), 'PENDING_APPROVAL');
    // It has price offers too: were they copied again, their keys would clash.
    const existing = row(draftBody({ ...FULL_DRAFT, terms: EVERY_TERM } as any));
    await ds.transaction((m) => jobs.insertContract(m, existing));
    const batch = [full, existing, plain];
    const queries: string[] = [];
    const inserted = await ds.transaction(async (m) => {
      const query = m.query.bind(m);
      jest.spyOn(m, 'query').mockImplementation((sql: string, params?: unknown[]) => { queries.push(sql); return query(sql, params); });
      return jobs.insertContracts(m, batch, batch.map(resultOf));
    });
    // The batch, then the wake-up of the notice dispatcher for the approval request (the COPY goes on the same connection).
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

// The batch writes send each column as an array literal of their own making (quoting only where needed).
describe('arrayLiteral (Postgres)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 1 }).initialize();
  });
  afterAll(() => ds?.destroy());

  it('reads back every text exactly as given: empty, NULL as a word, quotes, backslashes, braces, commas, whitespace, non-ASCII; and null as NULL', async () => {
    const texts = ['', 'NULL', 'null', 'Null', 'a"b', 'back\\slash', '\\', '"', '{x}', 'a,b', ' lead', 'trail ', 'in side', 'tab\there', 'line\nbreak', 'cr\rlf', '\u00a0nbsp', 'é€𝄞', 'SKU-00001', 'NULLs', null];
    const [row] = await ds.query(`SELECT $1::text[] AS v`, [arrayLiteral(texts)]);
    expect(row.v).toEqual(texts);
  });

  it('writes numbers, booleans, decimals as strings, JSON objects and dates, and takes a range of the values', async () => {
    const [row] = await ds.query(`SELECT $1::int[] AS i, $2::numeric[]::text[] AS n, $3::boolean[] AS b, $4::jsonb[] AS j, $5::timestamptz[] AS t, $6::int[] AS r`, [
      arrayLiteral([1, -2, null, 0]), arrayLiteral(['426.61', '-0.5', 7]), arrayLiteral([true, false, null]),
      arrayLiteral([JSON.stringify({ a: 'x,"y"' }), { b: [1, 2] }]), arrayLiteral([new Date('2027-01-02T03:04:05.678Z')]), arrayLiteral([1, 2, 3, 4, 5], 1, 3),
    ]);
    expect(row.i).toEqual([1, -2, null, 0]);
    expect(row.n).toEqual(['426.61', '-0.5', '7']);
    expect(row.b).toEqual([true, false, null]);
    expect(row.j).toEqual([{ a: 'x,"y"' }, { b: [1, 2] }]);
    expect(row.t.map((d: Date) => d.toISOString())).toEqual(['2027-01-02T03:04:05.678Z']);
    expect(row.r).toEqual([2, 3]);
  });

  it('copyText writes rows COPY reads back exactly (tabs, newlines, backslashes, \\N as text, NULL), fixed columns first, only the rows kept', async () => {
    const texts = ['tab\there', 'line\nbreak', 'cr\rlf', 'back\\slash', '\\N', 'NULL', '', 'é€𝄞', null];
    const batch = { table: 'pg_temp.copied', fixed: [['tag', 'text', 'x'] as [string, string, unknown]], columns: [['n', 'int', texts.map((_, i) => i)], ['t', 'text', texts]] as [string, string, unknown[]][] };
    const runner = ds.createQueryRunner();
    try {
      await runner.query(`CREATE TEMP TABLE copied (tag text, n int, t text)`);
      const client = await runner.connect();
      await pipeline(Readable.from(copyText(batch, (r) => r !== 1, 8)), client.query(copyFrom(copySql(batch))));
      const rows: { tag: string; n: number; t: string | null }[] = await runner.query(`SELECT tag, n, t FROM copied ORDER BY n`);
      expect(rows).toEqual(texts.map((t, n) => ({ tag: 'x', n, t })).filter((r) => r.n !== 1));
    } finally {
      await runner.release();
    }
  });
});
