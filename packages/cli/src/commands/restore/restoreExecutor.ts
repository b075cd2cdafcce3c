import { InputError, type DrConfig } from '@dynamo-dr/core';
import type { ResolvedTable, SettingsFlags } from '../../shared/tableSettings.js';

/** The settings flags a deployed state machine has baked in: on Step Functions they cannot change. */
const BAKED_IN: readonly (readonly [keyof SettingsFlags, string])[] = [
  ['mode', '--mode'],
  ['segments', '--segments'],
  ['keepRestoredTable', '--keep-restored-table'],
  ['restoreDeadline', '--restore-deadline'],
  ['maxWriteUnits', '--max-write-units'],
  ['maxReadUnits', '--max-read-units'],
];

/**
 * The deployed stack a restore runs on, or `undefined` to run it in this process: `--executor step-functions`,
 * or no `--executor` and the tables' environment names a deployment (`deployment.stackName`). All tables must
 * be in that one stack.
 */
export function deployedStackOf(
  flags: SettingsFlags & { readonly executor?: string },
  tables: readonly ResolvedTable[],
  config: DrConfig | undefined,
): string | undefined {
  if (flags.executor === 'in-process') return undefined;
  const stacks = new Set(
    tables.map((t) => (t.environment ? config?.environments[t.environment]?.deployment?.stackName : undefined)),
  );
  const [stackName] = stacks;
  if (flags.executor === undefined && (stacks.size !== 1 || stackName === undefined)) return undefined;
  if (stacks.size !== 1 || stackName === undefined) {
    throw new InputError(
      '--executor',
      'step-functions',
      stacks.size > 1 ? "needs the tables in one environment's stack" : 'needs a deployed stack',
      stacks.size > 1
        ? 'Restore the tables of each environment with its own command.'
        : 'Name it in the configuration (environments.<env>.deployment.stackName) and deploy it with dynamo-dr deploy, or use --executor in-process.',
    );
  }
  for (const [flag, name] of BAKED_IN) {
    if (flags[flag] !== undefined) {
      throw new InputError(
        name,
        flags[flag],
        `cannot change a restore on Step Functions: stack ${stackName}'s state machines have it baked in`,
        'Change it in the configuration and run dynamo-dr deploy, or use --executor in-process.',
      );
    }
  }
  return stackName;
}
