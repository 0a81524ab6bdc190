#!/usr/bin/env node
import { isAppError } from '@pqe/common';
import { CommanderError } from 'commander';
import { buildProgram, ExitCode } from '../program.js';

// `pqe --help | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

let exitCode: number = ExitCode.ok;
const program = buildProgram((code) => {
  exitCode = Math.max(exitCode, code);
});
program.exitOverride();

try {
  await program.parseAsync(process.argv);
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
  } else if (isAppError(error)) {
    process.stderr.write(`pqe: ${error.message}\n`);
    process.exitCode = ExitCode.error;
  } else {
    process.stderr.write(`pqe: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = ExitCode.error;
  }
}
