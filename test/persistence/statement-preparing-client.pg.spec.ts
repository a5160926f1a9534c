import { DataSource } from 'typeorm';
import { createDataSource, MAX_PREPARED_PER_CONNECTION, StatementPreparingClient } from '@pactum/persistence';
import { testStack } from '../support/test-stack';

// The pool's client prepares what a connection runs repeatedly; pg_prepared_statements shows what
// the server holds for that one connection.
describe('StatementPreparingClient (Postgres)', () => {
  let client: StatementPreparingClient;
  const prepared = async (): Promise<string[]> =>
    (await client.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time, name')).rows.map((r: { statement: string }) => r.statement);

  beforeEach(async () => {
    client = new StatementPreparingClient(testStack().databaseUrl);
    await client.connect();
    await client.query('CREATE TEMP TABLE fruit (id int PRIMARY KEY, name text)');
    await client.query(`INSERT INTO fruit VALUES (1, 'apple'), (2, 'pear')`);
  });
  afterEach(() => client.end());

  it('prepares a parameterised statement on its second run and answers the same before and after', async () => {
    const sql = 'SELECT name FROM fruit WHERE id = $1';
    const first = await client.query(sql, [1]);
    expect(await prepared()).toEqual([]);
    const second = await client.query(sql, [1]);
    const third = await client.query(sql, [2]);
    expect(await prepared()).toEqual([sql]);
    expect(first.rows).toEqual([{ name: 'apple' }]);
    expect(second.rows).toEqual(first.rows);
    expect(third.rows).toEqual([{ name: 'pear' }]);
    expect(client.preparedStatements).toBe(1);
  });

  it('never prepares a statement without parameters, which may hold several statements', async () => {
    for (let i = 0; i < 3; i++) await client.query(`SELECT 1; SELECT name FROM fruit WHERE id = 1`);
    await client.query('SELECT name FROM fruit WHERE id = 1', []);
    await client.query('SELECT name FROM fruit WHERE id = 1', []);
    expect(await prepared()).toEqual([]);
  });

  it(`prepares at most ${MAX_PREPARED_PER_CONNECTION} statements per connection and runs the rest unprepared`, async () => {
    const texts = Array.from({ length: MAX_PREPARED_PER_CONNECTION + 5 }, (_, i) => `SELECT name, ${i} AS n FROM fruit WHERE id = $1`);
    for (const sql of texts) {
      await client.query(sql, [1]);
      await client.query(sql, [1]);
    }
    const last = await client.query(texts[texts.length - 1], [2]);
    expect(last.rows).toEqual([{ name: 'pear', n: texts.length - 1 }]);
    expect((await prepared()).length).toBe(MAX_PREPARED_PER_CONNECTION);
    expect(client.preparedStatements).toBe(MAX_PREPARED_PER_CONNECTION);
  });

  it('prepares a statement afresh after a migration changed the columns it returns', async () => {
    const sql = 'SELECT * FROM fruit WHERE id = $1';
    await client.query(sql, [1]);
    await client.query(sql, [1]);
    await client.query('ALTER TABLE fruit ADD COLUMN colour text');
    await expect(client.query(sql, [1])).rejects.toThrow('cached plan must not change result type');
    expect((await client.query(sql, [1])).rows).toEqual([{ id: 1, name: 'apple', colour: null }]);
    expect((await client.query(sql, [2])).rows).toEqual([{ id: 2, name: 'pear', colour: null }]);
    expect(client.preparedStatements).toBe(2);
  });

  it('keeps working after a value that cannot be sent (pg closes the statement on the server)', async () => {
    const sql = 'SELECT name FROM fruit WHERE id = $1';
    await client.query(sql, [1]);
    await client.query(sql, [1]);
    const unsendable = { toPostgres: () => { throw new Error('cannot be sent'); } };
    await expect(client.query(sql, [unsendable])).rejects.toThrow('cannot be sent');
    expect((await client.query(sql, [2])).rows).toEqual([{ name: 'pear' }]);
    expect((await client.query(sql, [1])).rows).toEqual([{ name: 'apple' }]);
    expect((await client.query(sql, [1])).rows).toEqual([{ name: 'apple' }]);
  });

  it('keeps working with the callback form of query()', async () => {
    const sql = 'SELECT name FROM fruit WHERE id = $1';
    const viaCallback = (id: number) => new Promise<unknown>((resolve, reject) => {
      client.query(sql, [id], (err: Error | null, result: { rows: unknown[] }) => (err ? reject(err) : resolve(result.rows)));
    });
    expect(await viaCallback(1)).toEqual([{ name: 'apple' }]);
    expect(await viaCallback(2)).toEqual([{ name: 'pear' }]);
    expect(await prepared()).toEqual([sql]);
  });
});

describe('createDataSource and prepared statements (Postgres)', () => {
  const preparedInOneConnection = async (ds: DataSource): Promise<number> => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      for (let i = 0; i < 3; i++) await runner.query('SELECT username FROM users WHERE username = $1', ['rep1']);
      const [row] = await runner.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'SELECT username FROM users%'`);
      return row.n;
    } finally {
      await runner.release();
    }
  };

  it('prepares repeated statements by default and not when turned off', async () => {
    const on = await createDataSource({ url: testStack().databaseUrl, poolSize: 1 }).initialize();
    const off = await createDataSource({ url: testStack().databaseUrl, poolSize: 1, preparedStatements: false }).initialize();
    try {
      expect(await preparedInOneConnection(on)).toBe(1);
      expect(await preparedInOneConnection(off)).toBe(0);
    } finally {
      await on.destroy();
      await off.destroy();
    }
  });
});
