/** Administrators' commands: users, the audit trail, backups and restore, settings. */
import path from 'node:path';
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import type { UserView } from '../../../shared/contract/platform';
import { isSettingKey, settingsCatalog } from '../../../shared/platform/settings-catalog';
import { CliFailure, integerOption, type CliContext } from '../context';
import { printValue, table } from '../output';

function userRows(users: UserView[]): string[][] {
  return users.map((u) => [String(u.id), u.userName, u.displayName, u.role, u.active ? 'active' : 'inactive', u.lockedUntil ? `locked until ${u.lockedUntil}` : '']);
}

function password(value: string | undefined, variable: string): string {
  const chosen = value ?? process.env[variable];
  if (!chosen) throw new CliFailure({ code: 'bad-request', field: 'password', message: `password: give --new-password or set $${variable}` });
  return chosen;
}

/** A setting value from the command line: text for text settings, otherwise JSON (24, true, [30,60]). */
function settingValue(key: string, text: string): unknown {
  if (isSettingKey(key) && typeof settingsCatalog[key].defaultValue === 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function registerAdminCommands(program: Command, cli: CliContext): void {
  const user = program.command('user').description('users and roles');
  user
    .command('add')
    .requiredOption('--name <userName>')
    .requiredOption('--display-name <name>')
    .requiredOption('--role <role>', 'administrator | loan-officer | guarantee-officer | collector | accountant | manager | auditor')
    .option('--new-password <password>', 'temporary password (or $LOANBRIDGE_NEW_PASSWORD); changed at first sign-in')
    .action(async (o: { name: string; displayName: string; role: string; newPassword?: string }) => {
      const created = await cli.call<UserView>('user.create', { userName: o.name, displayName: o.displayName, role: o.role, password: password(o.newPassword, 'LOANBRIDGE_NEW_PASSWORD') });
      printValue(cli.output, created, () => `added user ${created.userName} (${created.role}); they choose their own password at first sign-in`);
    });
  user
    .command('list')
    .action(async () => {
      const users = await cli.call<UserView[]>('user.list', {});
      printValue(cli.output, users, () => table(['id', 'user', 'name', 'role', 'state', ''], userRows(users)));
    });
  user
    .command('passwd')
    .description('set a temporary password (and lift a lockout); the user changes it at next sign-in')
    .requiredOption('--name <userName>')
    .option('--new-password <password>', 'or $LOANBRIDGE_NEW_PASSWORD')
    .action(async (o: { name: string; newPassword?: string }) => {
      const users = await cli.call<UserView[]>('user.list', {});
      const target = users.find((u) => u.userName === o.name);
      if (!target) throw new CliFailure({ code: 'not-found', field: 'name', message: `--name: no user ${o.name}` });
      const updated = await cli.call<UserView>('user.resetPassword', { id: target.id, newPassword: password(o.newPassword, 'LOANBRIDGE_NEW_PASSWORD') });
      printValue(cli.output, updated, () => `password of ${updated.userName} reset`);
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('list')
    .option('--entity <type>')
    .option('--entity-id <id>')
    .option('--user <name>')
    .option('--channel <channel>')
    .option('--from <date>', 'YYYY-MM-DD')
    .option('--to <date>', 'YYYY-MM-DD')
    .option('--page <n>', 'page', integerOption('--page'), 1)
    .option('--page-size <n>', 'rows per page (max 500)', integerOption('--page-size'), 100)
    .action(async (o: { entity?: string; entityId?: string; user?: string; channel?: string; from?: string; to?: string; page: number; pageSize: number }) => {
      const page = await cli.call<ChannelOutput<'audit.list'>>('audit.list', {
        entityType: o.entity ?? null,
        entityId: o.entityId ?? null,
        userName: o.user ?? null,
        channel: o.channel ?? null,
        ...(o.from ? { from: o.from } : {}),
        ...(o.to ? { to: o.to } : {}),
        page: o.page,
        pageSize: o.pageSize,
      });
      printValue(cli.output, page, () =>
        `${table(['id', 'at', 'user', 'channel', 'entity'], page.items.map((e) => [String(e.id), e.at, e.userName, e.channel, `${e.entityType} ${e.entityId ?? ''}`]))}\n${page.items.length} of ${page.total} entries`,
      );
    });
  audit
    .command('verify')
    .description('checks the hash chain; exits 1 and names the first broken entry when it is broken')
    .action(async () => {
      const result = await cli.call<ChannelOutput<'audit.verify'>>('audit.verify', {});
      printValue(cli.output, result, () =>
        result.ok ? `audit trail intact: ${result.entries} entries` : `audit trail BROKEN at entry ${result.firstBroken!.id}: ${result.firstBroken!.reason}`,
      );
      if (!result.ok) throw new CliFailure({ code: 'database-damaged', message: `audit entry ${result.firstBroken!.id}: ${result.firstBroken!.reason}`, reason: 'auditBroken' });
    });

  const settings = program.command('settings').description('settings: defaults, values, who changed them');
  settings
    .command('get [key]')
    .action(async (key: string | undefined) => {
      const all = await cli.call<ChannelOutput<'settings.list'>>('settings.list', {});
      const chosen = key ? all.filter((s) => s.key === key) : all;
      if (key && chosen.length === 0) throw new CliFailure({ code: 'not-found', field: 'key', message: `key: there is no setting "${key}"`, reason: 'unknownSetting' });
      printValue(cli.output, key ? chosen[0] : chosen, () =>
        table(
          ['key', 'value', 'default', 'changed by'],
          chosen.map((s) => [s.key, JSON.stringify(s.value), s.isDefault ? '(default)' : JSON.stringify(s.defaultValue), s.updatedBy ? `${s.updatedBy} ${s.updatedAt}` : '']),
        ),
      );
    });
  settings
    .command('set <key> <value>')
    .description('VALUE is JSON when it parses (24, true, [30,60]) and text otherwise')
    .action(async (key: string, value: string) => {
      const saved = await cli.call<ChannelOutput<'settings.set'>>('settings.set', { key, value: settingValue(key, value) });
      printValue(cli.output, saved, () => `${saved.key} = ${JSON.stringify(saved.value)}`);
    });

  program
    .command('backup')
    .description('a consistent copy of the database through SQLite\'s online backup')
    .option('--to <folder>', 'another folder than the configured one (a USB stick)')
    .action(async (o: { to?: string }) => {
      const file = await cli.call<ChannelOutput<'backup.create'>>('backup.create', o.to ? { folder: o.to } : {});
      printValue(cli.output, file, () => `backed up to ${path.join(file.folder, file.name)}`);
    });
}
