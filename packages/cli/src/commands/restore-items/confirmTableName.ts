import { input } from '@inquirer/prompts';
import { InputError } from '@dynamo-dr/core';

/**
 * The confirmation: `--confirm` as given; else, on a terminal, the operator
 * types the table name; without a terminal there is no one to ask.
 */
export async function confirmTableName(given: string | undefined, tableName: string, what: string): Promise<string> {
  if (given !== undefined) return given;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new InputError(
      '--confirm',
      null,
      'is required when not running on a terminal',
      'Pass --confirm with the exact table name.',
    );
  }
  return input({ message: `This ${what} ${tableName}. Type the table name to confirm:` }, { output: process.stderr });
}
