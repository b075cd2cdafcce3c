import { DrError, InputError } from '@dynamo-dr/core/errors';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { ExitError } from './exitError.js';

/** The only place that turns errors into exit codes. */
async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ExitError) {
      if (error.message) console.error(error.message);
      return error.exitCode;
    }
    if (error instanceof InputError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof DrError) {
      console.error(`error: ${error.message}`);
      if (error.hint && !error.message.includes(error.hint)) console.error(`hint: ${error.hint}`);
      return 1;
    }
    console.error(error);
    console.error('\nThis is a bug in dynamo-dr; please report it with the output above.');
    return 1;
  }
}

process.exitCode = await main(process.argv);
