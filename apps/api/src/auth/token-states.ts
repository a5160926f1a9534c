import type { TokenState, UserStore } from '@pactum/persistence';

/** How long a user's state read from Postgres is trusted: a deactivation takes effect within this. */
export const TOKEN_STATE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  state: Promise<TokenState | null>;
  untilMs: number;
  /** The answer once the read has settled: `peek` hands it out without a promise. */
  answered: boolean;
  value: TokenState | null;
}

/**
 * The users' token states (active, token version), read from Postgres at most once per
 * TOKEN_STATE_TTL_MS per user, so a busy route (checkout) does not query for every request; reads
 * for one user that overlap share one query.
 */
export class TokenStates {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly users: Pick<UserStore, 'tokenState'>, private readonly ttlMs = TOKEN_STATE_TTL_MS) {}

  get(username: string, now = Date.now()): Promise<TokenState | null> {
    const hit = this.entries.get(username);
    if (hit && hit.untilMs > now) return hit.state;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const state = this.users.tokenState(username);
    const entry: Entry = { state, untilMs: now + this.ttlMs, answered: false, value: null };
    this.entries.set(username, entry);
    state.then(
      (value) => { entry.value = value; entry.answered = true; },
      // A failed read is not remembered: the next request asks again.
      () => { if (this.entries.get(username) === entry) this.entries.delete(username); },
    );
    return state;
  }

  /**
   * What `get` would resolve to, when it is known already (read within the TTL and answered):
   * the state, or null for no such user. Undefined when only `get` can tell. Lets the AuthGuard
   * answer a busy route without an await.
   */
  peek(username: string, now = Date.now()): TokenState | null | undefined {
    const hit = this.entries.get(username);
    return hit && hit.answered && hit.untilMs > now ? hit.value : undefined;
  }

  /** Drops what was read about `username`: the next request reads Postgres (a change made by this process takes effect at once). */
  forget(username: string): void {
    this.entries.delete(username);
  }
}
