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

export class UserStore {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
  }

  /** Creates or replaces a user by username (the natural key). */
  async upsert(u: NewUser): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO users (username, password_hash, roles, display_name, email, organization_dn, is_demo)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, roles = EXCLUDED.roles,
         display_name = EXCLUDED.display_name, email = EXCLUDED.email, organization_dn = EXCLUDED.organization_dn,
         is_demo = EXCLUDED.is_demo, active = true`,
      [u.username, u.passwordHash, u.roles, u.displayName ?? null, u.email ?? null, u.organizationDn ?? null, u.isDemo ?? false],
    );
  }
}
