import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { DrConfig } from '../config/configSchema.js';
import { recoveryModeStatus } from '../recoveryMode/recoveryModeStatus.js';
import type { CheckItem } from './checkItem.js';

/**
 * Whether the environment is out of recovery mode: one left on keeps the application's functions throttled
 * and its event source mappings disabled.
 *
 * @example
 * await recoveryModeCheck({ lambda, ssm }, config, 'Prod');
 */
export async function recoveryModeCheck(
  clients: { readonly lambda: LambdaClient; readonly ssm: SSMClient },
  config: DrConfig,
  environment: string,
): Promise<CheckItem> {
  const status = await recoveryModeStatus({ ...clients, config, environment });
  const base = { id: 'recovery-mode', environment } as const;
  return status.inRecoveryMode
    ? {
        ...base,
        status: 'fail',
        evidence: `in recovery mode since ${status.since} (by ${status.by}); ${status.functions.filter((f) => f.held).length} function(s) held (state in ${status.stateParameter})`,
        fix: `If no recovery is under way: dynamo-dr recovery-mode end --environment ${environment}.`,
      }
    : { ...base, status: 'pass', evidence: `not in recovery mode (no state in ${status.stateParameter})` };
}
