import type { TokenState, UserStore } from '@pactum/persistence';

/** How long a user's state read from Postgres is trusted: a deactivation takes effect within this. */
export const TOKEN_STATE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * The users' token states (active, token version), read from Postgres at most once per
 * TOKEN_STATE_TTL_MS per user, so a busy route (checkout) does not query for every request; reads
 * for one user that overlap share one query.
 */
export class TokenStates {
  private readonly entries = new Map<string, { state: Promise<TokenState | null>; untilMs: number }>();

  constructor(private readonly users: Pick<UserStore, 'tokenState'>, private readonly ttlMs = TOKEN_STATE_TTL_MS) {}

  get(username: string, now = Date.now()): Promise<TokenState | null> {
    const hit = this.entries.get(username);
    if (hit && hit.untilMs > now) return hit.state;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const state = this.users.tokenState(username);
    this.entries.set(username, { state, untilMs: now + this.ttlMs });
    // A failed read is not remembered: the next request asks again.
    state.catch(() => { if (this.entries.get(username)?.state === state) this.entries.delete(username); });
    return state;
  }

  /** Drops what was read about `username`: the next request reads Postgres (a change made by this process takes effect at once). */
  forget(username: string): void {
    this.entries.delete(username);
  }
}
