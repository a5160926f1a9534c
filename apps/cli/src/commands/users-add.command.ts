import { createInterface } from 'node:readline';
import { loadConfig, requireDatabaseUrl } from '@pactum/config';
import { ROLES, USERNAME_PATTERN, isRole, rolesNeedingOrganization } from '@pactum/domain';
import { UserStore, createDataSource, type UserChanges } from '@pactum/persistence';
import { hashPassword, passwordProblem } from '@pactum/security';
import type { ParsedArgs } from '../args';

export const USERS_ADD_USAGE = `pactum users:add USERNAME --role ROLE[,ROLE] [--organization DN] [--name "Full Name"] [--email E] [--password-env VAR] [--update [--reactivate]]
  Creates a user. The password comes from the environment variable named by --password-env
  (default PACTUM_NEW_PASSWORD), or from a prompt in a terminal; never from the command line
  (--password is refused). At least 12 characters and not a common password.
  A sales_manager or account_rep needs --organization: the seller organisation they work for.
  An existing user is changed only with --update, which prints what changes; an inactive one stays
  inactive unless --reactivate is given too.
  Roles: ${ROLES.join(', ')}`;

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    out._writeToOutput = (s: string) => { if (s.startsWith(question) || s.includes('\n')) process.stderr.write(s.startsWith(question) ? question : '\n'); };
    rl.question(question, (answer) => { rl.close(); resolve(answer); });
  });
}

async function readPassword(passwordEnv: string, required: boolean): Promise<{ password?: string; problem?: string }> {
  const fromEnv = process.env[passwordEnv];
  if (fromEnv) return { password: fromEnv };
  if (!required) return {};
  if (!process.stdin.isTTY) return { problem: `password: set $${passwordEnv} (or name another variable with --password-env), or run in a terminal to be asked` };
  const first = await promptHidden('New password: ');
  const again = await promptHidden('Repeat it: ');
  return first === again ? { password: first } : { problem: 'password: the two entries differ' };
}

const text = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** `pactum users:add`: creates a real user with a hashed password (the demo users exist only in the embedded default). */
export async function usersAddCommand(args: ParsedArgs): Promise<number> {
  const o = args.options;
  // `--update USERNAME` reads the username as the flag's value.
  const positional = [...args.positional];
  if (typeof o.update === 'string') positional.unshift(o.update);
  if (typeof o.reactivate === 'string') positional.unshift(o.reactivate);
  const [username] = positional;
  const update = o.update !== undefined;
  const reactivate = o.reactivate !== undefined;
  const refuse = (problems: string[], code = 2) => {
    process.stderr.write(`users:add: ${problems.join('\n           ')}\n\n${USERS_ADD_USAGE}\n`);
    return code;
  };
  if (o.password !== undefined) {
    return refuse(['--password is refused: a password on the command line stays in the shell history and shows in the process list. '
      + 'Set PACTUM_NEW_PASSWORD (or --password-env VAR), or run in a terminal to be asked.']);
  }
  const roles = typeof o.role === 'string' ? o.role.split(',').map((r) => r.trim()) : undefined;
  const passwordEnv = text(o['password-env']) ?? 'PACTUM_NEW_PASSWORD';
  const organization = text(o.organization);
  const problems: string[] = [];
  if (!username || !USERNAME_PATTERN.test(username)) problems.push('USERNAME: 2–64 letters, digits, ".", "_", "@" or "-"');
  if (roles !== undefined && (!roles.length || !roles.every(isRole))) problems.push(`--role: one or more of ${ROLES.join(', ')}`);
  if (roles === undefined && !update) problems.push(`--role: one or more of ${ROLES.join(', ')}`);
  if (o.organization !== undefined && (!organization || organization.length > 1000 || organization.includes('\u0000'))) problems.push('--organization: a distinguished name, e.g. "o=Acme Industrial Supply,o=Root Organization"');
  if (problems.length) return refuse(problems);

  const dataSource = await createDataSource({ url: requireDatabaseUrl(loadConfig()), applicationName: 'pactum-cli' }).initialize();
  try {
    const users = new UserStore(dataSource);
    const existing = await users.findByUsername(username!);
    if (existing && !update) {
      return refuse([`user ${username} exists already: nothing changed. Re-run with --update to change it (what changes is printed).`], 1);
    }
    if (!existing && update) return refuse([`user ${username} does not exist: run without --update to create it.`], 1);
    if (existing && !existing.active && !reactivate) {
      return refuse([`user ${username} is inactive: --update leaves it so; add --reactivate to let it sign in again.`], 1);
    }
    const newRoles = roles ?? existing?.roles ?? [];
    const newOrganization = organization ?? existing?.organizationDn ?? undefined;
    const missingOrg = rolesNeedingOrganization(newRoles);
    if (missingOrg.length && !newOrganization) {
      problems.push(`--organization: a ${missingOrg.join(' or ')} works for one seller organisation (without one a sales manager would approve for every seller)`);
    }
    if (organization) {
      const [known] = await dataSource.query(`SELECT 1 FROM organizations WHERE dn = $1`, [organization]);
      if (!known) problems.push(`--organization: "${organization}" is not a known organisation`);
    }
    const { password, problem } = await readPassword(passwordEnv, !existing);
    if (problem) problems.push(problem);
    const weak = password !== undefined ? passwordProblem(password, username!) : undefined;
    if (weak) problems.push(`password ($${passwordEnv} or the prompt): ${weak}`);
    if (problems.length) return refuse(problems);

    const name = text(o.name);
    const email = text(o.email);
    if (!existing) {
      const created = await users.insert({
        username: username!, passwordHash: await hashPassword(password!), roles: newRoles, displayName: name, email, organizationDn: newOrganization,
      });
      if (!created) return refuse([`user ${username} was created meanwhile: nothing changed. Re-run with --update to change it.`], 1);
      process.stdout.write(`user ${username} saved with roles ${newRoles.join(', ')}${newOrganization ? ` for ${newOrganization}` : ''}\n`);
      return 0;
    }
    const changes: UserChanges = {};
    const lines: string[] = [];
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((r) => b.includes(r));
    if (roles && !same(roles, existing.roles)) {
      changes.roles = roles;
      lines.push(`roles: ${existing.roles.join(', ') || '(none)'} → ${roles.join(', ')}`);
    }
    if (organization && organization !== existing.organizationDn) {
      changes.organizationDn = organization;
      lines.push(`organization: ${existing.organizationDn ?? '(none)'} → ${organization}`);
    }
    if (name !== undefined && name !== existing.displayName) { changes.displayName = name; lines.push(`name: ${existing.displayName ?? '(none)'} → ${name}`); }
    if (email !== undefined && email !== existing.email) { changes.email = email; lines.push(`email: ${existing.email ?? '(none)'} → ${email}`); }
    if (password !== undefined) { changes.passwordHash = await hashPassword(password); lines.push('password: changed'); }
    if (!existing.active && reactivate) { changes.active = true; lines.push('active: no → yes'); }
    if (!lines.length) {
      process.stdout.write(`user ${username}: nothing to change\n`);
      return 0;
    }
    await users.update(username!, changes);
    const signOut = changes.roles || changes.organizationDn || changes.passwordHash || changes.active ? '\n  (the user\'s current tokens stop working; they sign in again)' : '';
    process.stdout.write(`user ${username} updated:\n  ${lines.join('\n  ')}${signOut}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}
