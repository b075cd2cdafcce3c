import { InputError } from '../errors.js';
import { applyChanges } from './applyChanges.js';
import type { Observation } from './observeHeldResources.js';
import { observeHeldResources } from './observeHeldResources.js';
import { operatorName } from './operatorName.js';
import { planChanges } from './planChanges.js';
import type { RecoveryModeOutcome, RecoveryModeTarget } from './recoveryModeOutcome.js';
import { recoveryModeSettings, type RecoveryModeSettings } from './recoveryModeSettings.js';
import { SAVED_STATE_FORMAT, type SavedState } from './savedState.js';
import { snapshotEnvironment } from './snapshotEnvironment.js';
import { loadState, saveState } from './stateStore.js';

export interface StartRecoveryModeOptions extends RecoveryModeTarget {
  /** Plan only: read everything, save and change nothing. @default false */
  readonly dryRun?: boolean;
  /** Who starts it (saved as `by`). @default `DYNAMO_DR_OPERATOR`, else the OS user */
  readonly operator?: string;
  /** @default now */
  readonly now?: Date;
}

/**
 * Puts an environment in recovery mode: saves, durably and first, each held
 * function's reserved concurrency and each of its event source mappings'
 * enabled state; then disables those mappings and sets reserved concurrency
 * to 0. Idempotent: when recovery mode is already started, the saved entries
 * are kept as they are (never overwritten with throttled values) and only
 * what is not yet held is changed — which also completes a start that crashed
 * after saving. Functions and mappings that appeared since are added to the
 * saved state (with their settings, untouched so far) and held too. Failures
 * are returned, not thrown; run it again to complete them.
 *
 * @example
 * const outcome = await startRecoveryMode({ lambda, ssm, config, environment: 'Prod' });
 * if (outcome.failures.length) console.error(outcome.failures);
 */
export async function startRecoveryMode(options: StartRecoveryModeOptions): Promise<RecoveryModeOutcome> {
  const { lambda, ssm, environment } = options;
  const settings = recoveryModeSettings(options.config, environment);
  const dryRun = options.dryRun ?? false;
  const saved = await loadState(ssm, settings.stateParameter);
  const snapshot = await snapshotEnvironment(lambda, settings);
  let state: SavedState;
  let observation: Observation;
  let added: string[] = [];
  if (saved) {
    const names = new Set(saved.functions.map((f) => f.name));
    const uuids = new Set(saved.mappings.map((m) => m.uuid));
    const newFunctions = snapshot.functions.filter((f) => !names.has(f.name));
    const newMappings = snapshot.mappings.filter((m) => !uuids.has(m.uuid));
    added = [...newFunctions.map((f) => `function ${f.name}`), ...newMappings.map((m) => `mapping ${m.uuid}`)];
    state = added.length
      ? { ...saved, functions: [...saved.functions, ...newFunctions], mappings: [...saved.mappings, ...newMappings] }
      : saved;
    if (added.length && !dryRun) await saveState(ssm, settings.stateParameter, state);
    observation = await observeHeldResources(lambda, state);
  } else {
    if (snapshot.functions.length === 0) throw nothingToHold(settings, snapshot.recoveryFunctions);
    state = {
      format: SAVED_STATE_FORMAT,
      environment,
      since: (options.now ?? new Date()).toISOString(),
      by: operatorName(options.operator),
      functions: snapshot.functions,
      mappings: snapshot.mappings,
    };
    // The snapshot is the current state: no need to read it twice.
    observation = {
      functions: snapshot.functions.map((f) => ({ ...f, current: f.reservedConcurrency })),
      mappings: snapshot.mappings.map((m) => ({
        ...m,
        current: { enabled: m.enabled, state: m.enabled ? 'Enabled' : 'Disabled' },
      })),
    };
    if (!dryRun) await saveState(ssm, settings.stateParameter, state);
  }
  const plan = planChanges(observation, 'held');
  const applied = dryRun ? { failures: [], gone: [] } : await applyChanges(lambda, plan.changes);
  return {
    action: 'start',
    environment,
    stateParameter: settings.stateParameter,
    dryRun,
    since: state.since,
    by: state.by,
    alreadyStarted: saved !== undefined,
    added,
    changes: plan.changes,
    unchanged: plan.unchanged,
    gone: [...plan.gone, ...applied.gone],
    failures: applied.failures,
    recoveryFunctions: snapshot.recoveryFunctions,
    stateCleared: false,
  };
}

function nothingToHold(settings: RecoveryModeSettings, recoveryFunctions: readonly string[]): InputError {
  const selection = [
    settings.functionNamePrefix !== undefined ? `names starting with "${settings.functionNamePrefix}"` : undefined,
    Object.keys(settings.functionTags).length ? `tags ${JSON.stringify(settings.functionTags)}` : undefined,
  ]
    .filter(Boolean)
    .join(' and ');
  const recovery = recoveryFunctions.length ? ` (only recovery functions: ${recoveryFunctions.join(', ')})` : '';
  return new InputError(
    'environment',
    settings.environment,
    `matches no Lambda function to hold: none with ${selection} in this account and Region${recovery}`,
    'Nothing was changed. Check the environment name (case-sensitive), --region and --profile, or set recoveryMode.functionNamePrefix / functionTags for it in dynamo-dr.config.json.',
  );
}
