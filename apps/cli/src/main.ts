#!/usr/bin/env node
import { Command, Option } from 'commander';
import { genericTemplateCsv, supportedFormats } from '@lotline/importers';
import { formatIssue, importFolder } from './commands/read-folder';
import { writeReport } from './commands/report';
import { parseMethod, parseTimeZone, parseYear, type MethodPlan, type ScopeOption } from './commands/report-options';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

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
    .command('report')
    .description('import a folder (one CSV per account, named after the account), reconcile, compute and write a tax year')
    .argument('<folder>', 'folder of CSV files (1099-DA CSVs are matched to the disposals)')
    .requiredOption('--year <YYYY>', 'tax year to write', parseYear)
    .requiredOption('--method <m>', 'fifo, lifo or hifo, or per year from that year on: 2020:fifo,2021:lifo', parseMethod)
    .addOption(new Option('--scope <scope>', 'lot scope; auto = universal before 2025, per account from 2025 (Rev. Proc. 2024-28)').choices(['universal', 'per-account', 'auto']).default('auto'))
    .option('--out <dir>', 'where to write the files', 'lotline-report')
    .option('--tz <zone>', 'client time zone (IANA): dates, tax years, holding periods', parseTimeZone, 'America/New_York')
    .addOption(new Option('--transfer-fee <treatment>', 'fee units of self-transfers').choices(['dispose', 'carry-basis']).default('dispose'))
    .option('--stablecoins-as-usd', 'value USDC, USDT, DAI, PYUSD, ... sides at 1 USD when a row has no USD value', false)
    .action(async (folder: string, opts: { year: number; method: MethodPlan; scope: ScopeOption; out: string; tz: string; transferFee: 'dispose' | 'carry-basis'; stablecoinsAsUsd: boolean }) => {
      const imported = await importFolder(folder);
      for (const f of imported.files) io.err(`${f.file}: ${f.format ?? 'unknown format'}, ${f.rows} rows, ${f.events} events (account "${f.account}")\n`);
      if (imported.issueCount > 0) {
        for (const issue of imported.issues) io.err(formatIssue(issue) + '\n');
        io.err(`${imported.issueCount} problem(s) found; nothing was computed. Fix the files and run again.\n`);
        process.exitCode = 1;
        return;
      }
      const output = writeReport(imported, { year: opts.year, method: opts.method, scope: opts.scope, timeZone: opts.tz, transferFee: opts.transferFee, stablecoinsAsUsd: opts.stablecoinsAsUsd, out: opts.out });
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
