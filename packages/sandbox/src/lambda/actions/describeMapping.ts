import type { MappingRecord } from '../lambdaStore.js';
import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';

/**
 * A mapping as the API returns it. `state` overrides the settled state: AWS
 * answers a create or update with `Creating`, `Enabling` or `Disabling` and
 * settles later; the sandbox settles at once, so only that answer shows it.
 * https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html
 */
export function describeMapping(mapping: MappingRecord, region: string, state?: string): Record<string, unknown> {
  return {
    UUID: mapping.UUID,
    EventSourceArn: mapping.EventSourceArn,
    FunctionArn: mapping.FunctionArn,
    BatchSize: mapping.BatchSize,
    MaximumBatchingWindowInSeconds: 0,
    FunctionResponseTypes: [],
    LastModified: mapping.LastModified,
    State: state ?? (mapping.enabled ? 'Enabled' : 'Disabled'),
    StateTransitionReason: 'USER_INITIATED',
    EventSourceMappingArn: `arn:aws:lambda:${region}:${SANDBOX_ACCOUNT}:event-source-mapping:${mapping.UUID}`,
  };
}
