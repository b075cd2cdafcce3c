import { randomUUID } from 'node:crypto';
import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import type { StackRecord } from '../stackStore.js';

/** A stack record before its first operation (`arn:aws:cloudformation:{region}:{account}:stack/{name}/{uuid}`). */
export function newStack(name: string, region: string, params: Record<string, unknown>): StackRecord {
  return {
    StackId: `arn:aws:cloudformation:${region}:${SANDBOX_ACCOUNT}:stack/${name}/${randomUUID()}`,
    StackName: name,
    Parameters: [],
    CreationTime: new Date().toISOString(),
    StackStatus: 'REVIEW_IN_PROGRESS',
    DisableRollback: params.DisableRollback === 'true',
    Capabilities: Array.isArray(params.Capabilities) ? (params.Capabilities as string[]) : [],
    Outputs: [],
    Tags: Array.isArray(params.Tags) ? (params.Tags as { Key: string; Value: string }[]) : [],
    templateBody: '',
    resources: {},
    events: [],
    changeSets: {},
  };
}
