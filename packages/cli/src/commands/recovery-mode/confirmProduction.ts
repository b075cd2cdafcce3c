import { confirm } from '@inquirer/prompts';
import { InputError } from '@dynamo-dr/core';
import { ExitError } from '../../exitError.js';

/**
 * A production environment's change needs a yes: `--yes`, or an answer on a
 * terminal. With no terminal to ask on (CI, a pipe) and no `--yes`, refuse
 * before reading anything rather than guess.
 *
 * @param plan computes what is about to happen, in words, shown before the question
 */
export async function confirmProduction(options: {
  readonly environment: string;
  readonly yes: boolean;
  readonly question: string;
  readonly plan: () => Promise<string>;
}): Promise<void> {
  if (options.yes) return;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new InputError(
      '--environment',
      options.environment,
      'is a production environment and there is no terminal to confirm on',
      'Nothing was changed. Run it on a terminal to confirm, or pass --yes.',
    );
  }
  console.error(await options.plan());
  const answer = await confirm({ message: options.question, default: false }, { output: process.stderr });
  if (!answer) throw new ExitError(1, 'Not confirmed: nothing was changed.');
}
