import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PriceOffer, TypedContractTerm } from '@pactum/domain';
import {
  InitialSchema1764000000000, NormalisedTerms1764050000000, deleteContractContent, readAccountTerms, readContractContent, readContractContentInBulk, TERM_SHAPES, writeAccountTerms, writeContractContent, type ContractContentDraft,
} from '@pactum/persistence';
import { EAST, EVERY_TERM, FULL_DRAFT, WEST } from '../support/every-term.fixture';
import { testStack } from '../support/test-stack';

/** A scratch database with the given migrations applied, so these tests do not depend on which migrations are registered. */
async function scratchDatabase(name: string, migrations: any[]): Promise<{ ds: DataSource; drop: () => Promise<void> }> {
  const admin = new Client({ connectionString: testStack().adminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const ds = await new DataSource({
    type: 'postgres', url: testStack().adminDatabaseUrl.replace(/\/postgres$/, `/${name}`), poolSize: 4,
    migrations, migrationsTableName: 'schema_migrations', migrationsTransactionMode: 'each',
  }).initialize();
  await ds.runMigrations();
  return {
    ds,
    drop: async () => {
      if (ds.isInitialized) await ds.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('normalised contract terms (Postgres)', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ ds, drop } = await scratchDatabase(`pactum_terms_${process.pid}`, [InitialSchema1764000000000, NormalisedTerms1764050000000]));
  });
  afterAll(() => drop());

  /** The parent contracts row every content row hangs off. */
  async function newContract(): Promise<string> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO contracts (id, code, seller_dn, status, currency, starts_at, ends_at, created_by, owner, workflow_id)
       VALUES ($1, $2, 'o=Acme,o=Root Organization', 'DRAFT', 'USD', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'rep1', 'rep1', $3)`,
      [id, `CT-${id.slice(0, 8)}`, `wf-${id}`],
    );
    return id;
  }
  const write = (id: string, draft: ContractContentDraft) => ds.transaction((m) => writeContractContent(m, id, draft));
  const read = async (id: string) => (await readContractContent(ds, [id])).get(id)!;
  const CHILD_TABLES = ['contract_buyers', 'contract_terms', 'contract_price_offers', 'contract_product_set_items', 'contract_price_rules',
    'contract_term_buyers', 'contract_fulfillment_centers', 'contract_term_properties', 'contract_quantity_lines', 'contract_attachments', 'contract_contacts'];
  const counts = async (id: string) => Object.fromEntries(await Promise.all(CHILD_TABLES.map(async (t) =>
    [t, Number((await ds.query(`SELECT count(*) AS n FROM ${t} WHERE contract_id = $1`, [id]))[0].n)])));

  it('the fixture covers every term type', () => {
    expect(new Set(EVERY_TERM.map((t) => t.type))).toEqual(new Set(Object.keys(TERM_SHAPES)));
  });

  it('round-trips every term type, buyers and profile extras unchanged (decimals keep their scale)', async () => {
    const id = await newContract();
    await write(id, FULL_DRAFT);
    const expected = {
      buyers: FULL_DRAFT.buyers, terms: EVERY_TERM, attachments: FULL_DRAFT.attachments, contacts: FULL_DRAFT.contacts,
      descriptions: FULL_DRAFT.descriptions, forceContractPrice: true,
    };
    expect(await read(id)).toStrictEqual(expected);
    // The checkout snapshot's reader (a query per table) gives the same content.
    expect((await readContractContentInBulk(ds, [id])).get(id)).toStrictEqual(expected);
    // Stored as numbers, so checkout can compare them.
    expect(await ds.query(`SELECT price > 18.3 AS gt FROM contract_price_offers WHERE contract_id = $1 AND position = 0`, [id])).toEqual([{ gt: true }]);
  });

  it.each([
    ['one query (requests)', readContractContent, 1],
    ['a query per table (the checkout snapshot)', readContractContentInBulk, 12],
  ] as const)('reads many contracts with %s; missing contracts are absent; empty content reads empty', async (_name, reader, queries) => {
    const [a, b, empty] = [await newContract(), await newContract(), await newContract()];
    await write(a, FULL_DRAFT);
    await write(b, { buyers: [{ organization: WEST }], terms: EVERY_TERM.slice(0, 3) });
    const counted = (ids: string[]) => {
      let n = 0;
      return reader({ query: (sql: string, p?: unknown[]) => { n++; return ds.query(sql, p); } } as any, ids).then((r) => ({ r, n }));
    };
    const one = await counted([a]);
    const three = await counted([a, b, empty, randomUUID()]);
    expect(one.n).toBe(queries);
    expect(three.n).toBe(queries);
    expect([...three.r.keys()].sort()).toEqual([a, b, empty].sort());
    expect(three.r.get(b)).toStrictEqual({ buyers: [{ organization: WEST, active: true }], terms: EVERY_TERM.slice(0, 3), attachments: [], contacts: [], forceContractPrice: false });
    expect(three.r.get(empty)).toStrictEqual({ buyers: [], terms: [], attachments: [], contacts: [], forceContractPrice: false });
    expect(three.r.get(a)).toStrictEqual(one.r.get(a));
  });

  it('reads inside a transaction too', async () => {
    const id = await newContract();
    const content = await ds.transaction(async (m) => {
      await writeContractContent(m, id, FULL_DRAFT);
      return [(await readContractContent(m, [id])).get(id), (await readContractContentInBulk(m, [id])).get(id)];
    });
    expect(content[0]!.terms).toStrictEqual(EVERY_TERM);
    expect(content[1]).toStrictEqual(content[0]);
  });

  it('writing twice (a retried activity) changes nothing', async () => {
    const id = await newContract();
    await write(id, FULL_DRAFT);
    const before = await counts(id);
    await write(id, FULL_DRAFT);
    expect(await counts(id)).toEqual(before);
    expect(before).toMatchObject({ contract_terms: EVERY_TERM.length, contract_price_offers: 4, contract_buyers: 3 });
    expect((await read(id)).terms).toStrictEqual(EVERY_TERM);
  });

  it('an edit replaces all content in one transaction', async () => {
    const id = await newContract();
    await write(id, FULL_DRAFT);
    const edited: ContractContentDraft = { buyers: [{ memberGroup: 'Silver', active: true }], terms: [EVERY_TERM[1]], contacts: [{ name: 'New' }] };
    await ds.transaction(async (m) => {
      await deleteContractContent(m, id);
      await writeContractContent(m, id, edited);
    });
    expect(await read(id)).toStrictEqual({ ...edited, attachments: [], forceContractPrice: false });
    expect(await counts(id)).toMatchObject({ contract_price_offers: 0, contract_product_set_items: 0, contract_term_buyers: 0 });
  });

  it('refuses what it could not store, writing nothing', async () => {
    const id = await newContract();
    const bad = (term: Record<string, unknown>) => write(id, { buyers: [], terms: [EVERY_TERM[0], term as any] });
    await expect(bad({ type: 'ShippingTCShippingMode', sequenceNumber: 2, mode: 'X', signedPercentage: '1' })).rejects.toThrow(/term 2 .*"signedPercentage" cannot be stored/);
    await expect(bad({ type: 'NoSuchTC', sequenceNumber: 2 })).rejects.toThrow(/unknown type/);
    await expect(bad({ type: 'PriceRule', sequenceNumber: 2, rules: [{ itemCode: 'A', rule: '1', customerId: 'C', priceRuleGroup: 'G' }] })).rejects.toThrow(/more than one scope/);
    await expect(bad({ type: 'PriceTCCustomPriceList', sequenceNumber: 2, offers: [{ sku: 'A', price: '-1', currency: 'USD' }] })).rejects.toThrow(/check constraint/);
    await expect(bad({ type: 'PriceTCCustomPriceList', sequenceNumber: 2, offers: [{ sku: 'A', price: '1.0000001', currency: 'USD' }] })).rejects.toThrow(/pactum_decimal/);
    await expect(write(id, { buyers: [{ active: true }], terms: [] })).rejects.toThrow(/contract_buyers_one_party_check/);
    expect(Object.values(await counts(id)).every((n) => n === 0)).toBe(true);
  });

  it('writes and reads a 100,000-offer price list', async () => {
    const id = await newContract();
    const offers: PriceOffer[] = Array.from({ length: 100_000 }, (_, i) => ({
      sku: `SKU-${i}`, price: `${i}.${String(i % 100).padStart(2, '0')}`, currency: i % 2 ? 'USD' : 'EUR',
      ...(i % 3 === 0 ? { minQuantity: i % 50, precedence: i % 7 } : {}),
    }));
    const term: TypedContractTerm = { type: 'PriceTCCustomPriceList', sequenceNumber: 1, name: 'BIG', offers };
    await write(id, { buyers: [{ organization: EAST }], terms: [term] });
    await write(id, { buyers: [{ organization: EAST }], terms: [term] }); // retried: still 100,000
    expect((await counts(id)).contract_price_offers).toBe(100_000);
    const content = await read(id);
    expect(content.terms).toStrictEqual([term]);
    expect(await ds.query(`SELECT price::text AS price FROM contract_price_offers WHERE contract_id = $1 AND sku = 'SKU-99910'`, [id])).toEqual([{ price: '99910.10' }]);
  }, 120_000);

  it('stores account terms (header-only types) and refuses the others', async () => {
    const [{ id: account }] = await ds.query(`INSERT INTO business_accounts (name, seller_dn, buyer_dn) VALUES ($1, 'o=Acme,o=Root Organization', $2) RETURNING id`,
      [`acct-${randomUUID()}`, EAST]);
    const terms = EVERY_TERM.filter((t) => ['ShippingTCShippingCharge', 'PaymentTCPaymentMethod', 'OrderApprovalTC', 'ObligationToBuyTCByAmount', 'TermCondition',
      'PriceTCMasterCatalogWithOptionalAdjustment', 'ShippingTCShippingChargeAdjustment'].includes(t.type) && !('productSet' in t));
    await ds.transaction((m) => writeAccountTerms(m, account, terms));
    await ds.transaction((m) => writeAccountTerms(m, account, terms));
    expect((await readAccountTerms(ds, [account, randomUUID()])).get(account)).toStrictEqual(terms);
    await expect(ds.transaction((m) => writeAccountTerms(m, account, [EVERY_TERM[3]]))).rejects.toThrow(/cannot be an account term/);
    await expect(ds.transaction((m) => writeAccountTerms(m, account, [EVERY_TERM[10]]))).rejects.toThrow(/"buyers" cannot be stored/);
    await expect(ds.transaction((m) => writeAccountTerms(m, account, [EVERY_TERM[12]]))).rejects.toThrow(/"productSet" cannot be stored/);
    expect((await readAccountTerms(ds, [account])).get(account)).toHaveLength(terms.length);
    expect(await ds.query(`SELECT credit_allowed FROM business_accounts WHERE id = $1`, [account])).toEqual([{ credit_allowed: false }]);
  });
});

// The migration moves the jsonb form into the tables and back, losing nothing.
describe('migration NormalisedTerms1764050000000', () => {
  const database = `pactum_terms_migration_${process.pid}`;
  let admin: Client;
  const url = () => testStack().adminDatabaseUrl.replace(/\/postgres$/, `/${database}`);
  const dataSource = (migrations: any[]) =>
    new DataSource({ type: 'postgres', url: url(), migrations, migrationsTableName: 'schema_migrations', migrationsTransactionMode: 'each' }).initialize();

  beforeAll(async () => {
    admin = new Client({ connectionString: testStack().adminDatabaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('migrates existing jsonb terms up (readable as typed terms) and down (jsonb restored), and up again', async () => {
    const id = randomUUID();
    const old = await dataSource([InitialSchema1764000000000]);
    const legacyTerm = { type: 'TermCondition', sequenceNumber: 99, conditionType: 'X', properties: { a: '1' }, note: 'kept', weight: 3 };
    const oldTerms = [...EVERY_TERM, legacyTerm];
    try {
      await old.runMigrations();
      await old.query(
        `INSERT INTO contracts (id, code, seller_dn, status, currency, starts_at, ends_at, created_by, owner, workflow_id)
         VALUES ($1, 'M-1', 'o=Acme', 'DRAFT', 'USD', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'rep1', 'rep1', 'wf')`, [id]);
      await old.query(`INSERT INTO contract_buyers (contract_id, organization_dn, position, active) VALUES ($1, $2, 0, true)`, [id, EAST]);
      for (const { type, sequenceNumber, ...parameters } of oldTerms) {
        await old.query(`INSERT INTO contract_terms (contract_id, sequence_number, type, parameters) VALUES ($1, $2, $3, $4)`, [id, sequenceNumber, type, JSON.stringify(parameters)]);
      }
    } finally {
      await old.destroy();
    }

    const ds = await dataSource([InitialSchema1764000000000, NormalisedTerms1764050000000]);
    const jsonbTerms = async () => (await ds.query(`SELECT type, sequence_number, parameters FROM contract_terms WHERE contract_id = $1 ORDER BY sequence_number`, [id]))
      .map((r: any) => ({ type: r.type, sequenceNumber: r.sequence_number, ...r.parameters }));
    const typedTerms = async () => (await readContractContent(ds, [id])).get(id)!;
    try {
      expect((await ds.runMigrations()).map((m) => m.name)).toEqual(['NormalisedTerms1764050000000']);
      const up = await typedTerms();
      // Unknown parameters are not part of the typed term; they wait in legacy_parameters for `down`.
      expect(up.terms).toStrictEqual([...EVERY_TERM, { type: 'TermCondition', sequenceNumber: 99, conditionType: 'X', properties: { a: '1' } }]);
      expect(up.buyers).toStrictEqual([{ organization: EAST, active: true }]);

      await ds.undoLastMigration();
      expect(await jsonbTerms()).toStrictEqual(oldTerms);
      expect(await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'contract_buyers' AND column_name = 'member_group'`)).toEqual([]);

      await ds.runMigrations();
      expect((await typedTerms()).terms).toStrictEqual(up.terms);
    } finally {
      await ds.destroy();
    }
  });
});
