import { InputError } from '../errors.js';
import { applyChanges } from './applyChanges.js';
import { observeHeldResources } from './observeHeldResources.js';
import { planChanges } from './planChanges.js';
import type { RecoveryModeOutcome, RecoveryModeTarget } from './recoveryModeOutcome.js';
import { recoveryModeSettings } from './recoveryModeSettings.js';
import { clearState, loadState } from './stateStore.js';

export interface EndRecoveryModeOptions extends RecoveryModeTarget {
  /** Plan only: change nothing. @default false */
  readonly dryRun?: boolean;
}

/**
 * Ends recovery mode: gives every held function back exactly the reserved
 * concurrency it had (a function that had none gets none), re-enables the
 * mappings that were enabled, then deletes the saved state. If any change
 * fails, the state is kept and the failures returned: run it again.
 * Refused (InputError, nothing changed) when the environment is not in
 * recovery mode.
 *
 * @example
 * const outcome = await endRecoveryMode({ lambda, ssm, config, environment: 'Prod' });
 */
export async function endRecoveryMode(options: EndRecoveryModeOptions): Promise<RecoveryModeOutcome> {
  const { lambda, ssm, environment } = options;
  const settings = recoveryModeSettings(options.config, environment);
  const dryRun = options.dryRun ?? false;
  const saved = await loadState(ssm, settings.stateParameter);
  if (!saved) {
    throw new InputError(
      'environment',
      environment,
      `is not in recovery mode: there is no saved state in SSM parameter ${settings.stateParameter}`,
      `Nothing was changed. Check the environment name, --region and --profile; \`dynamo-dr recovery-mode status --environment ${environment}\` shows the state.`,
    );
  }
  const plan = planChanges(await observeHeldResources(lambda, saved), 'restored');
  const applied = dryRun ? { failures: [], gone: [] } : await applyChanges(lambda, plan.changes);
  const stateCleared = !dryRun && applied.failures.length === 0;
  if (stateCleared) await clearState(ssm, settings.stateParameter);
  return {
    action: 'end',
    environment,
    stateParameter: settings.stateParameter,
    dryRun,
    since: saved.since,
    by: saved.by,
    alreadyStarted: true,
    added: [],
    changes: plan.changes,
    unchanged: plan.unchanged,
    gone: [...plan.gone, ...applied.gone],
    failures: applied.failures,
    recoveryFunctions: [],
    stateCleared,
  };
}
