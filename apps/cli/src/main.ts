#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { genericTemplateCsv, supportedFormats } from '@lotline/importers';
import { computeYear } from './commands/compute';
import { formatIssue, importFolder } from './commands/read-folder';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function year(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 2009 || Number(value) > 2100) throw new InvalidArgumentError('a four-digit tax year, e.g. 2025');
  return Number(value);
}

/** `lotline`: the same engine as the server, for preparers working offline and batch jobs. No database needed. */
export function buildProgram(io: Io = processIo): Command {
  const program = new Command('lotline')
    .description('Lotline crypto tax engine on the command line (no database needed)')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const template = program.command('template').description('print an import template');
  template
    .command('generic')
    .description('the Lotline generic CSV v1 header with example rows')
    .option('--no-examples', 'header only')
    .action((opts: { examples: boolean }) => io.out(genericTemplateCsv({ examples: opts.examples })));

  program
    .command('formats')
    .description('list the CSV formats Lotline reads')
    .action(() => io.out(supportedFormats().map((f) => `${f.id}\t${f.label}`).join('\n') + '\n'));

  program
    .command('compute')
    .description('import a folder (one CSV per account, named after the account) and compute a tax year')
    .argument('<folder>', 'folder of CSV files')
    .requiredOption('--year <year>', 'tax year', year)
    .addOption(new Option('--method <method>', 'cost-basis method').choices(['fifo', 'lifo', 'hifo']).default('fifo'))
    .addOption(new Option('--scope <scope>', 'lot scope').choices(['rev-proc-2024-28', 'universal', 'per-account']).default('rev-proc-2024-28'))
    .addOption(new Option('--transfer-fee <treatment>', 'fee units of self-transfers').choices(['dispose', 'carry-basis']).default('dispose'))
    .option('--time-zone <zone>', 'client time zone (IANA)', 'America/New_York')
    .option('--out <folder>', 'where to write the results', 'lotline-out')
    .action(async (folder: string, opts: { year: number; method: 'fifo' | 'lifo' | 'hifo'; scope: 'rev-proc-2024-28' | 'universal' | 'per-account'; transferFee: 'dispose' | 'carry-basis'; timeZone: string; out: string }) => {
      const imported = await importFolder(folder);
      for (const f of imported.files) io.err(`${f.file}: ${f.format ?? 'unknown format'}, ${f.rows} rows, ${f.events} events (account "${f.account}")\n`);
      if (imported.issueCount > 0) {
        for (const issue of imported.issues) io.err(formatIssue(issue) + '\n');
        io.err(`${imported.issueCount} problem(s) found; nothing was computed. Fix the files and run again.\n`);
        process.exitCode = 1;
        return;
      }
      const output = computeYear(imported, { year: opts.year, method: opts.method, scope: opts.scope, transferFee: opts.transferFee, timeZone: opts.timeZone, out: opts.out });
      io.out(output.summary + '\n' + output.files.map((f) => `  wrote ${f}`).join('\n') + '\n');
    });
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      const code = (e as { exitCode?: number }).exitCode;
      if (code === undefined) process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = code ?? 1;
    });
}
