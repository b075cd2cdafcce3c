import { input } from '@inquirer/prompts';
import { InputError } from '@dynamo-dr/core';

/**
 * The confirmations of the tables a command writes into: `--confirm` as given (once per table); else, on a
 * terminal, the operator types each table name; without a terminal there is no one to ask. `warning` says
 * what the command does to a table, e.g. `This rolls Orders back in place`.
 *
 * @example
 * const [confirmation] = await confirmTableNames(opts.confirm, ['Orders'], (t) => `This writes restored items into ${t}`);
 */
export async function confirmTableNames(
  given: readonly string[],
  tableNames: readonly string[],
  warning: (tableName: string) => string,
): Promise<string[]> {
  if (given.length) return [...given];
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new InputError(
      '--confirm',
      null,
      'is required when not running on a terminal',
      `Pass --confirm with the exact table name${tableNames.length > 1 ? ' (once per table)' : ''}.`,
    );
  }
  const answers: string[] = [];
  for (const name of tableNames) {
    answers.push(
      await input({ message: `${warning(name)}. Type the table name to confirm:` }, { output: process.stderr }),
    );
  }
  return answers;
}
