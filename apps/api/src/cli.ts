import 'reflect-metadata';
import { Command, CommanderError, Option } from 'commander';
import { LOCALES } from '@equipole/shared';
import { AdminError, oneLine } from './admin/admin-error';
import { runAdminCli } from './admin/admin-cli';

/**
 * The administration command: `npm run admin -- <command>`, or `node apps/api/dist/cli.js <command>`
 * in the container. It reads the same environment as the app. docs/operations.md has every command.
 */
function program(): Command {
  const cli = new Command('admin')
    .description('Administration of an Equipôle installation; reads the same environment as the app (docs/operations.md).')
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`${oneLine(message)}\n`) })
    .helpCommand(true);

  cli
    .command('create-coordinator')
    .description('create a coordinator account, or make an existing account coordinator, and print a link to choose the password')
    .requiredOption('--email <address>', 'their email address')
    .requiredOption('--name <name>', 'their name, as shown in the app')
    .addOption(new Option('--language <code>', 'language of their emails and screens').choices(LOCALES).default('fr'))
    .action((options: { email: string; name: string; language: string }) =>
      runAdminCli({ kind: 'request', request: { command: 'create-coordinator', ...options } }),
    );

  cli
    .command('list-coordinators')
    .description('list the coordinators and whether they have chosen a password')
    .action(() => runAdminCli({ kind: 'request', request: { command: 'list-coordinators' } }));

  cli
    .command('revoke-coordinator')
    .description('take the coordinator role away (never from the last coordinator who can sign in)')
    .requiredOption('--email <address>', 'their email address')
    .action((options: { email: string }) => runAdminCli({ kind: 'request', request: { command: 'revoke-coordinator', email: options.email } }));

  cli
    .command('reset-password')
    .description('print a link to choose a new password (also queued as an email)')
    .requiredOption('--email <address>', 'their email address')
    .action((options: { email: string }) => runAdminCli({ kind: 'request', request: { command: 'reset-password', email: options.email } }));

  cli
    .command('backup')
    .description('write one archive of the embedded database and the photos, also while the app runs')
    .argument('<file>', 'the archive to write, e.g. equipole.tar.gz')
    .action((file: string) => runAdminCli({ kind: 'backup', file }));

  cli
    .command('restore')
    .description('replace the embedded database and the photos with a backup (the app must be stopped)')
    .argument('<file>', 'an archive written by backup')
    .option('--force', 'replace data that DATA_DIR already holds')
    .action((file: string, options: { force?: boolean }) => runAdminCli({ kind: 'restore', file, force: options.force ?? false }));

  return cli;
}

/** Flushes stdout and stderr before leaving: output piped to a file or a test is never cut. */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

async function main(argv: string[]): Promise<number> {
  const cli = program();
  if (argv.length === 0) {
    process.stderr.write(`error: missing command (${cli.commands.map((command) => command.name()).join(', ')}); --help explains them\n`);
    return 2;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof AdminError) {
      process.stderr.write(`error: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    process.stderr.write(`error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    if (process.env.EQUIPOLE_DEBUG) console.error(error);
    return 1;
  }
}

void main(process.argv.slice(2)).then(exit);
