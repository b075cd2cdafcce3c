import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  deployClients,
  deployStack,
  prepareStepFunctionsRestore,
  runRestoreOnStepFunctions,
  stepFunctionsClients,
  type DrConfig,
  type RestoreRequest,
  type RunRecord,
} from '@dynamo-dr/core';
import type { Sandbox } from '@dynamo-dr/sandbox';
import { synthesizeConfiguredStack } from '../../shared/synthesizeConfiguredStack.js';

const BUCKET = 'dynamo-dr-demo-artifacts';

/** The demo's configuration with the environment's recovery stack named, as `dynamo-dr deploy` reads it. */
export function withDeployment(config: DrConfig, environment: string): DrConfig {
  const env = config.environments[environment]!;
  return {
    ...config,
    environments: {
      ...config.environments,
      [environment]: { ...env, deployment: { stackName: `${environment}DisasterRecovery`, s3Bucket: BUCKET } },
    },
  };
}

/**
 * The demo's restore on Step Functions: synthesizes and deploys the recovery stack into the sandbox (as
 * `dynamo-dr deploy` does), then starts each table's restore machine and follows it, as `dynamo-dr restore
 * --executor step-functions` does.
 */
export async function restoreOnDeployedStack(
  sandbox: Sandbox,
  config: DrConfig,
  environment: string,
  request: RestoreRequest,
  run: { readonly assertWritesAllowed: () => Promise<void>; readonly say: (line: string) => void },
): Promise<RunRecord> {
  const aws = { region: sandbox.region, endpoint: sandbox.endpoint };
  await new S3Client({ ...sandbox.clientConfig, forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: BUCKET }),
  );
  const out = await mkdtemp(path.join(tmpdir(), 'dynamo-dr-demo-stack-'));
  try {
    const stack = await synthesizeConfiguredStack(config, { environment, out });
    run.say(
      `Deploying ${stack.stackName} to the sandbox (CloudFormation change set; worker on Lambda, machines on Step Functions)`,
    );
    const deployed = await deployStack(deployClients(aws), { ...stack, bucket: BUCKET }, { pollIntervalMs: 100 });
    run.say(`Stack ${deployed.stackName}: ${deployed.stackStatus} (${deployed.changes.length} resources)`);
    const clients = stepFunctionsClients(aws);
    const prepared = await prepareStepFunctionsRestore(clients, stack.stackName, request);
    return await runRestoreOnStepFunctions(clients, prepared, {
      pollIntervalMs: 200,
      assertWritesAllowed: run.assertWritesAllowed,
      onExecution: (table, arn) => run.say(`${table}: started ${arn}`),
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
