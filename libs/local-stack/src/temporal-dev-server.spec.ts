import { DEV_SERVER_SQLITE_PRAGMAS, sqlitePragmasFrom } from './temporal-dev-server';

describe('sqlitePragmasFrom (TEMPORAL_DEV_SQLITE_PRAGMAS)', () => {
  it('defaults to a write-ahead log synced at checkpoints', () => {
    expect(sqlitePragmasFrom(undefined)).toEqual(['journal_mode=wal', 'synchronous=normal']);
    expect(sqlitePragmasFrom(undefined)).toBe(DEV_SERVER_SQLITE_PRAGMAS);
  });

  it('takes comma-separated pragmas, trimmed', () => {
    expect(sqlitePragmasFrom(' journal_mode=delete , synchronous=full,')).toEqual(['journal_mode=delete', 'synchronous=full']);
  });

  it('an empty value leaves the server its own defaults', () => {
    expect(sqlitePragmasFrom('')).toEqual([]);
  });
});
