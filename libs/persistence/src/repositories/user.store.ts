import { DataSource } from 'typeorm';
import { UserEntity } from '../entities';

export interface NewUser {
  username: string;
  passwordHash: string;
  roles: string[];
  displayName?: string;
  email?: string;
  organizationDn?: string;
  isDemo?: boolean;
}

/** What an update of an existing user sets (absent: unchanged; null: cleared). */
export interface UserChanges {
  passwordHash?: string;
  roles?: string[];
  displayName?: string | null;
  email?: string | null;
  organizationDn?: string | null;
  active?: boolean;
}

/** What a bearer token is checked against: the user as Postgres holds it now. */
export interface TokenState {
  active: boolean;
  roles: string[];
  tokenVersion: number;
}

/** A login-throttle counter: its key (`user:…`, `addr:…`) and how many failures it lets pass without a delay. */
export interface ThrottleKey {
  key: string;
  free: number;
}

/** Failures older than this since the last one are forgotten. */
const FAILURE_WINDOW_SECONDS = 15 * 60;
/** The longest delay before the next attempt is heard. */
const MAX_DELAY_SECONDS = 15 * 60;

export class UserStore {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
  }

  /** The user's state for the token check; null when there is no such user. */
  async tokenState(username: string): Promise<TokenState | null> {
    const [row]: { active: boolean; roles: string[]; token_version: number }[] = await this.dataSource.query(
      `SELECT active, roles, token_version FROM users WHERE username = $1`, [username]);
    return row ? { active: row.active, roles: row.roles, tokenVersion: row.token_version } : null;
  }

  /** Creates a user; false (and nothing written) when the username is taken. */
  async insert(u: NewUser): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO users (username, password_hash, roles, display_name, email, organization_dn, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (username) DO NOTHING RETURNING username`,
      [u.username, u.passwordHash, u.roles, u.displayName ?? null, u.email ?? null, u.organizationDn ?? null, u.isDemo ?? false],
    );
    return rows.length === 1;
  }

  /** Changes what `changes` names of an existing user (the token version moves by trigger when it matters). */
  async update(username: string, changes: UserChanges): Promise<void> {
    const columns: [string, unknown][] = [
      ['password_hash', changes.passwordHash], ['roles', changes.roles], ['display_name', changes.displayName], ['email', changes.email],
      ['organization_dn', changes.organizationDn], ['active', changes.active],
    ];
    const set = columns.filter(([, v]) => v !== undefined);
    if (!set.length) return;
    await this.dataSource.query(
      `UPDATE users SET ${set.map(([c], i) => `${c} = $${i + 2}`).join(', ')} WHERE username = $1`, [username, ...set.map(([, v]) => v)]);
  }

  /** Seconds until the next login attempt on any of `keys` is heard (0: now). */
  async loginDelaySeconds(keys: string[]): Promise<number> {
    const [row]: { seconds: number | null }[] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS seconds FROM login_failures WHERE key = ANY ($1) AND blocked_until > now()`, [keys]);
    return Math.max(0, row?.seconds ?? 0);
  }

  /**
   * Counts a failed login on each key. Past its free failures, a key is blocked for a delay that
   * doubles with each further failure (1 s, 2 s, 4 s, … at most 15 min); a key with no failure for
   * 15 minutes starts again from zero.
   */
  async recordLoginFailure(keys: ThrottleKey[]): Promise<void> {
    for (const { key, free } of keys) {
      // The increment is atomic (the conflicting row is locked), so parallel attempts all count.
      const [row]: { failures: number }[] = await this.dataSource.query(
        `INSERT INTO login_failures AS f (key, failures, last_failure_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET last_failure_at = now(),
           failures = CASE WHEN f.last_failure_at < now() - $2::int * interval '1 second' THEN 1 ELSE f.failures + 1 END
         RETURNING failures`,
        [key, FAILURE_WINDOW_SECONDS],
      );
      const failures = row?.failures ?? 1;
      if (failures >= free) {
        const delay = Math.min(MAX_DELAY_SECONDS, 2 ** Math.min(30, failures - free));
        await this.dataSource.query(`UPDATE login_failures SET blocked_until = now() + $2::int * interval '1 second' WHERE key = $1`, [key, delay]);
      }
    }
    await this.dataSource.query(`DELETE FROM login_failures WHERE last_failure_at < now() - interval '1 day'`);
  }

  /** Forgets the failures of `key` (a successful login of that user). */
  async clearLoginFailures(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE key = $1`, [key]);
  }
}
