import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { HANDLER_TIMEOUT_SECONDS } from '@dynamo-dr/core';
import { acknowledgeNagRule } from '../nagSuppressions.js';
import { WORKER_HANDLER, workerBundle } from './workerBundle.js';

const RUNTIME_REASON =
  'The worker is bundled for Node 22 (esbuild target node22) and tested on Node 22, the runtime this construct promises (nodejs22.x, supported by Lambda while Node 22 is maintained); a newer runtime is adopted deliberately, with its own test run.';

/**
 * A function running the worker bundle (every workflow's handlers: the restore's, the sync's, the drill's) with
 * its own role: one per table and purpose, so that each role reaches only what its workflow calls.
 *
 * @example
 * const worker = workerLambda(this, 'Worker', { functionName: 'Prod-DisasterRecovery-Orders', description, role, logGroup, environment });
 */
export function workerLambda(
  scope: Construct,
  id: string,
  props: {
    readonly functionName: string;
    readonly description: string;
    readonly role: iam.IRole;
    readonly logGroup: logs.ILogGroup;
    readonly environment: Record<string, string>;
  },
): lambda.Function {
  const worker = new lambda.Function(scope, id, {
    ...props,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    code: lambda.Code.fromAsset(workerBundle().directory),
    handler: WORKER_HANDLER,
    // A segment call returns within its budget (10 minutes); Lambda allows 15.
    timeout: Duration.seconds(HANDLER_TIMEOUT_SECONDS),
    memorySize: 1024,
  });
  acknowledgeNagRule(worker, 'AwsSolutions-L1', RUNTIME_REASON);
  return worker;
}
