import { inspect } from 'node:util';
import { DrError, InputError, isAwsServiceError } from '@dynamo-dr/core/errors';
import { CommanderError } from '@commander-js/extra-typings';
import { buildProgram } from './program.js';
import { ExitError } from './exitError.js';
import { flagOf } from './fieldFlags.js';

/** The only place that turns errors into exit codes: 0 ok, 1 failure, 2 bad usage or input. */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    const code = report(error);
    // A stack trace only on request: to the user, an error is its message and its fix.
    if (program.opts().debug && !(error instanceof CommanderError)) {
      console.error(`\n${inspect(error, { depth: 6 })}`);
    }
    return code;
  }
}

/** Prints what went wrong in a line or two and returns the exit code. */
function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof ExitError) {
    if (error.message) console.error(error.message);
    return error.exitCode;
  }
  if (error instanceof InputError) {
    // Core names the request field; the user typed a flag.
    console.error(`error: ${error.describe(flagOf)}`);
    return 2;
  }
  if (error instanceof DrError) {
    console.error(`error: ${error.message}`);
    if (error.hint && !error.message.includes(error.hint)) console.error(`hint: ${error.hint}`);
    return 1;
  }
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  console.error(`error: ${name}: ${message}`);
  console.error(
    isAwsServiceError(error)
      ? 'hint: This is what AWS answered; run the same command with --debug to see the whole error.'
      : 'This is a bug in dynamo-dr; please report it with the output of the same command run with --debug.',
  );
  return 1;
}

process.exitCode = await main(process.argv);
