import { loadConfig, requireDatabaseUrl } from '@pactum/config';
import { ROLES, isRole } from '@pactum/domain';
import { UserStore, createDataSource } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';
import type { ParsedArgs } from '../args';

export const USERS_ADD_USAGE = `pactum users:add USERNAME --role ROLE[,ROLE] [--password P | --password-env VAR] [--name "Full Name"] [--email E] [--organization DN]
  Creates (or updates) a user. Without --password the password is read from the environment
  variable named by --password-env (default PACTUM_NEW_PASSWORD), so it stays out of shell history.
  Roles: ${ROLES.join(', ')}`;

/** `pactum users:add`: creates a real user with a hashed password (the demo users exist only in the embedded default). */
export async function usersAddCommand(args: ParsedArgs): Promise<number> {
  const [username] = args.positional;
  const roles = typeof args.options.role === 'string' ? args.options.role.split(',').map((r) => r.trim()) : [];
  const passwordEnv = typeof args.options['password-env'] === 'string' ? args.options['password-env'] : 'PACTUM_NEW_PASSWORD';
  const password = typeof args.options.password === 'string' ? args.options.password : process.env[passwordEnv];
  const problems: string[] = [];
  if (!username || !/^[A-Za-z0-9._@-]{2,64}$/.test(username)) problems.push('USERNAME: 2–64 letters, digits, ".", "_", "@" or "-"');
  if (!roles.length || !roles.every(isRole)) problems.push(`--role: one or more of ${ROLES.join(', ')}`);
  if (!password || password.length < 8) problems.push(`--password (or $${passwordEnv}): at least 8 characters`);
  if (problems.length) {
    process.stderr.write(`users:add: ${problems.join('\n           ')}\n\n${USERS_ADD_USAGE}\n`);
    return 2;
  }
  const dataSource = await createDataSource({ url: requireDatabaseUrl(loadConfig()), applicationName: 'pactum-cli' }).initialize();
  try {
    await new UserStore(dataSource).upsert({
      username, passwordHash: await hashPassword(password!), roles,
      displayName: typeof args.options.name === 'string' ? args.options.name : undefined,
      email: typeof args.options.email === 'string' ? args.options.email : undefined,
      organizationDn: typeof args.options.organization === 'string' ? args.options.organization : undefined,
    });
    process.stdout.write(`user ${username} saved with roles ${roles.join(', ')}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
