/**
 * `loanbridge import <kind> file.xlsx [--dry-run] [--annotated out.xlsx]`: validates the whole file first
 * and lists every problem by sheet, row and column; imports only a clean file, all of it or nothing.
 * `loanbridge import-template <kind> --out file.xlsx` writes the template to fill in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ChannelOutput } from '../../../shared/contract';
import { importKinds } from '../../../shared/import/kinds';
import { CliFailure, type CliContext } from '../context';
import { printValue } from '../output';

function kindOf(kind: string) {
  if (!(importKinds as readonly string[]).includes(kind)) throw new CliFailure({ code: 'bad-request', field: 'kind', message: `kind: ${kind} is not one of: ${importKinds.join(', ')}` });
  return kind as (typeof importKinds)[number];
}

/** Written under a temporary name and renamed: a file appears only when complete. */
function writeFile(file: string, base64: string) {
  fs.writeFileSync(`${file}.partial`, Buffer.from(base64, 'base64'));
  fs.renameSync(`${file}.partial`, file);
}

export function registerImportCommands(program: Command, cli: CliContext): void {
  program
    .command('import <kind> <file>')
    .description(`imports a spreadsheet (${importKinds.join(', ')}); nothing is written unless every row is good`)
    .option('--dry-run', 'validate and report only')
    .option('--annotated <out.xlsx>', 'when there are problems, write a copy of the file with each one marked')
    .option('--language <lang>', 'zh-CN | en', 'zh-CN')
    .action(async (kindArg: string, file: string, o: { dryRun?: boolean; annotated?: string; language: string }) => {
      const kind = kindOf(kindArg);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        throw new CliFailure({ code: 'bad-request', field: 'file', message: `file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      }
      const upload = { kind, fileName: path.basename(file), contentBase64: bytes.toString('base64'), language: o.language };
      const seen = await cli.call<ChannelOutput<'import.preview'>>('import.preview', upload);
      if (o.annotated && seen.annotatedBase64) writeFile(o.annotated, seen.annotatedBase64);
      const summary = { kind, rows: seen.rows, new: seen.created, existing: seen.existing, errors: seen.errorCount };
      if (seen.errorCount > 0) {
        printValue(cli.output, { ...summary, issues: seen.issues }, () =>
          [`${seen.rows} rows: ${seen.errorCount} problems in ${seen.errorRows} rows; nothing imported`, ...seen.issues.map((i) => `  ${i.sheet} ${i.column}${i.row || ''} [${i.reason}] ${i.message}${i.value ? ` (${i.value})` : ''}`)].join('\n'),
        );
        throw new CliFailure({ code: 'validation', field: 'file', reason: 'importHasErrors', message: `file: ${seen.errorCount} problems; fix them${o.annotated ? ` (marked in ${o.annotated})` : ''} and import again` });
      }
      if (o.dryRun) {
        printValue(cli.output, { ...summary, dryRun: true }, () => `${seen.rows} rows are good: ${seen.created} new, ${seen.existing} already in the book (dry run: nothing written)`);
        return;
      }
      const done = await cli.call<ChannelOutput<'import.commit'>>('import.commit', upload);
      printValue(cli.output, { kind, rows: done.rows, new: done.created, existing: done.existing }, () => `${done.rows} rows imported: ${done.created} new, ${done.existing} already in the book`);
    });

  program
    .command('import-template <kind>')
    .description('writes the import template for a kind, with an example row and how to fill in each column')
    .requiredOption('--out <file.xlsx>')
    .option('--language <lang>', 'zh-CN | en', 'zh-CN')
    .action(async (kindArg: string, o: { out: string; language: string }) => {
      const template = await cli.call<ChannelOutput<'import.template'>>('import.template', { kind: kindOf(kindArg), language: o.language });
      writeFile(o.out, template.contentBase64);
      printValue(cli.output, { file: o.out }, () => `template written to ${o.out}`);
    });
}
