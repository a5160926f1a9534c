#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigError } from '@pactum/config';
import { parseArgs } from './args';
import { EXPORT_USAGE, exportCommand } from './commands/export.command';
import { IMPORT_USAGE, importCommand } from './commands/import.command';
import { migrateCommand } from './commands/migrate.command';
import { TEMPORAL_NAMESPACE_USAGE, temporalNamespaceCommand } from './commands/temporal-namespace.command';
import { upCommand } from './commands/up.command';
import { USERS_ADD_USAGE, usersAddCommand } from './commands/users-add.command';

const USAGE = `Pactum operator commands (npm run pactum -- COMMAND …)

  up                 start the whole system (embedded Postgres and Temporal unless DATABASE_URL / TEMPORAL_ADDRESS)
  migrate            apply database migrations to DATABASE_URL
  ${TEMPORAL_NAMESPACE_USAGE}
  ${USERS_ADD_USAGE.split('\n').join('\n  ')}
  ${IMPORT_USAGE.split('\n').join('\n  ')}
  ${EXPORT_USAGE.split('\n').join('\n  ')}
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  switch (command) {
    case 'up': return upCommand();
    case 'migrate': return migrateCommand();
    case 'temporal:namespace': return temporalNamespaceCommand();
    case 'users:add': return usersAddCommand(args);
    case 'import': return importCommand(args);
    case 'export': return exportCommand(args);
    case undefined: case 'help': case '--help': case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : err?.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
