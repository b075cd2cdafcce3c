import { createHash } from 'node:crypto';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DrError, InputError } from '../errors.js';
import { assertName, followsRule } from '../validation/assertName.js';
import { parameterNameRule, runIdRule } from '../validation/nameRules.js';
import { deleteParameterIfExists, getParameterIfExists, putParameter, type ParameterValue } from './parameterCalls.js';

/** A validated switch of the parameter an application reads its table name from. */
export interface SwitchPlan {
  readonly name: string;
  /** Where the value before the switch is saved, so that a rollback works from any machine. */
  readonly previousName: string;
  /**
   * The value before the switch, for the plan, the journal and `--json`; omitted when the parameter is a
   * SecureString, so that its value is never written outside SSM.
   */
  readonly currentValue?: string;
  /** SHA-256 of the value before the switch: detects a change between plan and switch without keeping a secret. */
  readonly currentValueSha256: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** What `previousName` holds (JSON, same parameter type as the original, so a SecureString stays secret). */
export interface SavedSwitch {
  readonly value: string;
  readonly switchedTo: string;
  readonly switchedAt: string;
  readonly sourceTable: string;
  readonly restoreTime: string;
  /** The journal key of the restore-as run that switched (absent in values saved before runs were journaled). */
  readonly incidentId?: string;
}

/**
 * Where the value before a switch is kept: the child `NAME/previous` for a path (non-recursive
 * GetParametersByPath of the application's path does not return it), `NAME.previous` for a plain name.
 */
export function previousParameterName(name: string): string {
  return name.startsWith('/') ? `${name}/previous` : `${name}.previous`;
}

/**
 * Checks that the parameter exists and that no earlier switch is still saved (it would be overwritten,
 * losing the original value). Only reads.
 */
export async function planSwitch(ssm: SSMClient, name: string): Promise<SwitchPlan> {
  const current = await getParameterIfExists(ssm, name);
  if (!current) {
    throw new InputError(
      'switchParameter',
      name,
      'does not exist',
      'Give the SSM parameter the application reads its table name from (aws ssm get-parameter --name NAME).',
    );
  }
  const previousName = previousParameterName(name);
  const saved = await getParameterIfExists(ssm, previousName);
  if (saved) {
    throw new InputError(
      'switchParameter',
      name,
      `was already switched by restore-as and not rolled back (${previousName} holds the value before)`,
      `Roll back first (dynamo-dr restore-as --rollback --switch-parameter ${name}), or delete ${previousName} if that switch is final.`,
    );
  }
  const shown = current.type === 'SecureString' ? {} : { currentValue: current.value };
  return { name, previousName, ...shown, currentValueSha256: sha256(current.value) };
}

/** Saves the current value under `previousName`, then points the parameter at `target`. */
export async function applySwitch(
  ssm: SSMClient,
  plan: SwitchPlan,
  target: string,
  origin: Pick<SavedSwitch, 'sourceTable' | 'restoreTime' | 'incidentId'>,
): Promise<SavedSwitch> {
  const current = await getParameterIfExists(ssm, plan.name);
  if (!current || sha256(current.value) !== plan.currentValueSha256) {
    throw new DrError(`${plan.name} changed while the table was restored.`, {
      hint: `The new table ${target} is ready; point the application at it by hand if that is still wanted.`,
    });
  }
  const saved: SavedSwitch = {
    value: current.value,
    switchedTo: target,
    switchedAt: new Date().toISOString(),
    ...origin,
  };
  // Saved first: if the switch itself fails, a rollback still finds the old value.
  await putParameter(ssm, plan.previousName, { value: JSON.stringify(saved), type: current.type });
  await putParameter(ssm, plan.name, { value: target, type: current.type });
  // What the caller journals and prints: a SecureString's old value stays only in SSM.
  return current.type === 'SecureString' ? { ...saved, value: SECRET_NOT_RECORDED } : saved;
}

/**
 * Stands for a SecureString's value wherever dynamo-dr would otherwise write it outside SSM.
 *
 * @example
 * if (saved.value === SECRET_NOT_RECORDED) console.log('the old value is kept only in SSM');
 */
export const SECRET_NOT_RECORDED = '(SecureString: kept only in SSM)';

/** What a rollback did. */
export interface SwitchRollback {
  readonly name: string;
  /** The value put back. */
  readonly restoredValue: string;
  /** The value it replaced (the table restore-as switched to). */
  readonly replacedValue: string;
  /** The restore-as run that made the switch, from the saved value. */
  readonly incidentId?: string;
  readonly restoreTime: string;
}

/**
 * Puts back the value saved by the last switch of `name` and deletes the saved copy.
 *
 * @throws InputError, changing nothing, when nothing is saved or the parameter was changed since the switch.
 * @example
 * await rollbackSwitch(ssm, '/app/prod/table_name');
 */
export async function rollbackSwitch(ssm: SSMClient, name: string): Promise<SwitchRollback> {
  assertName(parameterNameRule, 'switchParameter', name);
  const previousName = previousParameterName(name);
  const saved = await getParameterIfExists(ssm, previousName);
  const record = saved && parseSaved(saved);
  if (!saved || !record) {
    throw new InputError(
      'switchParameter',
      name,
      `has no saved previous value (${previousName} ${saved ? 'is not a restore-as record' : 'does not exist'})`,
      'Nothing was changed. Check the parameter name; only a switch made by dynamo-dr restore-as --switch-parameter can be rolled back.',
    );
  }
  const current = await getParameterIfExists(ssm, name);
  if (current?.value !== record.switchedTo) {
    throw new InputError(
      'switchParameter',
      name,
      `holds ${JSON.stringify(current?.value ?? null)}, not ${JSON.stringify(record.switchedTo)} as restore-as left it`,
      `Nothing was changed: it was modified after the switch. Set it by hand (the value before the switch was ${JSON.stringify(record.value)}) and delete ${previousName}.`,
    );
  }
  await putParameter(ssm, name, { value: record.value, type: saved.type });
  await deleteParameterIfExists(ssm, previousName);
  return {
    name,
    restoredValue: record.value,
    replacedValue: current.value,
    incidentId: record.incidentId,
    restoreTime: record.restoreTime,
  };
}

function parseSaved(parameter: ParameterValue): SavedSwitch | undefined {
  try {
    const value = JSON.parse(parameter.value) as Partial<SavedSwitch>;
    if (typeof value.value !== 'string' || typeof value.switchedTo !== 'string') return undefined;
    // The run id names a journal file: one that is not a run id is dropped (the rollback gets a run of its own).
    const { incidentId, ...saved } = value as SavedSwitch;
    return followsRule(runIdRule, incidentId) ? { ...saved, incidentId } : saved;
  } catch {
    return undefined;
  }
}
