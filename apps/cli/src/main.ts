#!/usr/bin/env node
import { Command } from 'commander';

/** `lotline`: the same engine as the server, for preparers working offline and batch jobs. No database needed. */
export function buildProgram(): Command {
  const program = new Command('lotline').description('Lotline crypto tax engine on the command line (no database needed)').version('0.1.0');
  return program;
}

if (require.main === module) {
  buildProgram().parse(process.argv);
}
