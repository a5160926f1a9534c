import type { Client } from 'pg';
import { hashPassword } from '@pactum/security';

export interface TestUser {
  username: string;
  role: string;
  organization: string;
  /** `<username>@mail.test` when absent. */
  email?: string;
}

/** Inserts users who sign in with the password `demo`, one role each (for suites that need users of their own). */
export async function insertTestUsers(db: Client, users: TestUser[]): Promise<void> {
  const hash = await hashPassword('demo');
  for (const { username, role, organization, email } of users) {
    await db.query(`INSERT INTO users (username, password_hash, roles, display_name, email, organization_dn) VALUES ($1, $2, $3, $4, $5, $6)`,
      [username, hash, [role], `User ${username}`, email ?? `${username}@mail.test`, organization]);
  }
}
