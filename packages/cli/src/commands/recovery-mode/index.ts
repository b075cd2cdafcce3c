import {
  endRecoveryMode,
  loadConfig,
  recoveryModeClients,
  recoveryModeSettings,
  recoveryModeStatus,
  startRecoveryMode,
  type RecoveryModeOutcome,
} from '@dynamo-dr/core';
import { awsOptions } from '../../shared/commonOptions.js';
import { ExitError } from '../../exitError.js';
import { confirmProduction } from './confirmProduction.js';
import { formatOutcome, formatStatus } from './printRecoveryMode.js';
import type { RecoveryModeCommandOptions } from './register.js';

/**
 * `dynamo-dr recovery-mode start|end|status --environment ENV`: thin over
 * core's startRecoveryMode, endRecoveryMode and recoveryModeStatus. Exit 1
 * when a change failed (a re-run completes it), 2 on bad input.
 */
export async function recoveryMode(
  action: 'start' | 'end' | 'status',
  opts: RecoveryModeCommandOptions,
): Promise<void> {
  const config = await loadConfig({ explicitPath: opts.config });
  const settings = recoveryModeSettings(config, opts.environment);
  const target = { ...recoveryModeClients(awsOptions(opts)), config, environment: opts.environment };
  if (action === 'status') {
    const status = await recoveryModeStatus(target);
    if (opts.json) console.log(JSON.stringify(status, null, 2));
    else console.error(formatStatus(status));
    return;
  }
  const run = (dryRun: boolean) =>
    action === 'start'
      ? startRecoveryMode({ ...target, dryRun, operator: opts.operator })
      : endRecoveryMode({ ...target, dryRun });
  if (settings.production && !opts.dryRun) {
    await confirmProduction({
      environment: opts.environment,
      yes: opts.yes ?? false,
      question: `${action === 'start' ? 'Hold' : 'Release'} production environment ${opts.environment} now?`,
      plan: async () => formatOutcome(await run(true)),
    });
  }
  const outcome = await run(opts.dryRun ?? false);
  report(outcome, opts.json ?? false);
}

function report(outcome: RecoveryModeOutcome, json: boolean): void {
  if (json) console.log(JSON.stringify(outcome, null, 2));
  else console.error(formatOutcome(outcome));
  if (outcome.failures.length) {
    throw new ExitError(
      1,
      `${outcome.failures.length} change(s) failed. Run \`dynamo-dr recovery-mode ${outcome.action} --environment ${outcome.environment}\` again to complete them${outcome.action === 'end' ? ' (the saved state is kept until every setting is given back)' : ''}.`,
    );
  }
}
