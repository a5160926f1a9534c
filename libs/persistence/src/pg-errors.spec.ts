import { databaseErrorFacts, databaseErrorKind, sqlStateOf } from './pg-errors';

/** A Postgres error as pg raises it (a DatabaseError with the SQLSTATE in `code`). */
const pgError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`error ${code}`), { code, ...extra });

describe('databaseErrorKind: what retrying a failed database call can do', () => {
  it.each([
    ['08006', 'unavailable'], ['08001', 'unavailable'], ['57P01', 'unavailable'], ['57P02', 'unavailable'], ['57P03', 'unavailable'],
    ['40001', 'transient'], ['40P01', 'transient'], ['55P03', 'transient'], ['57014', 'transient'], ['53300', 'transient'], ['58030', 'transient'],
    ['22021', 'data'], ['22008', 'data'], ['22001', 'data'], ['22P05', 'data'],
    ['23505', 'constraint'], ['23503', 'constraint'], ['23514', 'constraint'], ['23502', 'constraint'],
  ])('SQLSTATE %s is %s', (code, kind) => {
    expect(databaseErrorKind(pgError(code))).toBe(kind);
  });

  it.each([['42P01'], ['P0001'], ['XX000']])('SQLSTATE %s (a bug or a raised exception) is none of them', (code) => {
    expect(databaseErrorKind(pgError(code))).toBeUndefined();
  });

  it('reads the SQLSTATE through TypeORM\'s QueryFailedError (driverError) and an AggregateError', () => {
    expect(databaseErrorKind({ message: 'query failed', driverError: pgError('22021') })).toBe('data');
    expect(sqlStateOf({ message: 'wrapped', cause: pgError('40P01') })).toBe('40P01');
    const refused = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''), { code: 'ECONNREFUSED' });
    expect(databaseErrorKind(refused)).toBe('unavailable');
  });

  it('takes the driver\'s own connection errors, which carry no SQLSTATE, as unavailable', () => {
    expect(databaseErrorKind(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(databaseErrorKind(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(databaseErrorKind(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe('unavailable');
    expect(databaseErrorKind(new Error('something else'))).toBeUndefined();
  });

  it('names the column of a unique key from the detail when Postgres gives no column', () => {
    const facts = databaseErrorFacts(pgError('23505', { detail: 'Key (code, seller_dn)=(A, B) already exists.', constraint: 'contracts_unique_key' }));
    expect(facts).toMatchObject({ state: '23505', column: 'code, seller_dn', constraint: 'contracts_unique_key' });
  });
});
