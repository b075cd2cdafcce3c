import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CloudFormationClient, Change, StackEvent } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import { DrError, InputError } from '../errors.js';
import {
  createChangeSet,
  deleteChangeSet,
  deleteStack,
  describeChangeSet,
  describeStackIfExists,
  executeChangeSet,
  stackEvents,
} from './cloudFormationCalls.js';
import { bucketExists, deleteObject, objectExists, putObject } from './s3Calls.js';
import { zipDirectory } from './zipDirectory.js';

/** A synthesized stack to deploy: its template, its one code asset, and the bucket both go through. */
export interface StackDeployment {
  readonly stackName: string;
  /** The template file (JSON). */
  readonly templateFile: string;
  /** The worker's code: this directory's content, zipped, is uploaded as `assetKey`. */
  readonly assetDirectory: string;
  /** The S3 key the template's `WorkerCodeS3Key` expects by default (`dynamo-dr/{hash}.zip`). */
  readonly assetKey: string;
  /** The deployment bucket, in the stack's region: the code and the template (too large to pass inline). */
  readonly bucket: string;
}

/** The clients a deployment uses. */
export interface DeployClients {
  readonly cloudformation: CloudFormationClient;
  readonly s3: S3Client;
}

/** One resource change of a change set, as CloudFormation lists it. */
export interface StackChange {
  readonly action: string;
  readonly logicalId: string;
  readonly resourceType: string;
  /** For a Modify: whether the resource is replaced (`True`, `False`, `Conditional`). */
  readonly replacement?: string;
}

/** What {@link deployStack} did. */
export interface DeployResult {
  readonly stackName: string;
  readonly operation: 'create' | 'update';
  readonly changes: readonly StackChange[];
  /** Whether the change set was executed (never on a dry run, nor when nothing changed). */
  readonly executed: boolean;
  /** The stack's status at the end (absent on a dry run of a new stack). */
  readonly stackStatus?: string;
}

/** How {@link deployStack} runs. */
export interface DeployOptions {
  /** Create the change set, report its changes, delete it: nothing is executed, nothing is left behind. */
  readonly dryRun?: boolean;
  /** Told what the deployment is doing, one line at a time. */
  readonly onProgress?: (message: string) => void;
  /** First wait between polls, in ms, doubling up to 10 s. @default 1000 */
  readonly pollIntervalMs?: number;
}

/** CloudFormation's words for an empty change set (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html). */
const NO_CHANGES = /didn't contain changes|No updates are to be performed/;

/**
 * Creates or updates the stack through a change set, as `aws cloudformation deploy` does: uploads the worker's
 * code (once per content: its key carries the asset's hash) and the template to the bucket, creates a change
 * set (CREATE for a new stack, UPDATE otherwise), waits for it, then executes it and waits for the stack. A
 * failed stack operation rejects naming the first resource that failed and CloudFormation's reason. With
 * `dryRun`, the change set's changes are returned and the change set deleted, and nothing is uploaded that
 * stays.
 *
 * @example
 * const result = await deployStack({ cloudformation, s3 }, { stackName, templateFile, assetDirectory, assetKey, bucket });
 */
export async function deployStack(
  clients: DeployClients,
  deployment: StackDeployment,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const { cloudformation: cfn, s3 } = clients;
  const say = options.onProgress ?? (() => {});
  if (!(await bucketExists(s3, deployment.bucket))) {
    throw new InputError(
      's3Bucket',
      deployment.bucket,
      'is not a bucket these credentials can reach',
      "Create it in the stack's region (aws s3 mb s3://NAME), or name an existing one.",
    );
  }
  const before = await describeStackIfExists(cfn, deployment.stackName);
  const type = changeSetType(deployment.stackName, before?.StackStatus);
  const template = await readFile(deployment.templateFile);
  const templateKey = `dynamo-dr/templates/${deployment.stackName}-${createHash('sha256').update(template).digest('hex').slice(0, 16)}.json`;
  const templateWasThere = await objectExists(s3, deployment.bucket, templateKey);
  if (!templateWasThere) await putObject(s3, deployment.bucket, templateKey, template);
  if (!options.dryRun && !(await objectExists(s3, deployment.bucket, deployment.assetKey))) {
    say(`Uploading the worker's code to s3://${deployment.bucket}/${deployment.assetKey}`);
    await putObject(s3, deployment.bucket, deployment.assetKey, await zipDirectory(deployment.assetDirectory));
  }
  const region = await s3.config.region();
  const changeSetId = await createChangeSet(cfn, {
    stackName: deployment.stackName,
    changeSetName: `dynamo-dr-${Date.now()}`,
    type,
    // Virtual-hosted style, the form CloudFormation documents for TemplateURL.
    templateUrl: `https://${deployment.bucket}.s3.${region}.amazonaws.com/${templateKey}`,
    parameters: { WorkerCodeS3Bucket: deployment.bucket, WorkerCodeS3Key: deployment.assetKey },
  });
  say(`Change set ${type === 'CREATE' ? 'creating' : 'updating'} ${deployment.stackName}`);
  const changeSet = await until(options, async () => {
    const described = await describeChangeSet(cfn, changeSetId);
    return /_(PENDING|IN_PROGRESS)$/.test(described.Status ?? '') ? undefined : described;
  });
  const changes = changeSet.Changes.map(stackChange);
  const operation = type === 'CREATE' ? 'create' : 'update';
  const leaveNothing = async () => {
    await deleteChangeSet(cfn, changeSetId);
    // A stack CloudFormation made for a CREATE change set stays REVIEW_IN_PROGRESS without it: remove it too.
    if (!before && (await describeStackIfExists(cfn, deployment.stackName))?.StackStatus === 'REVIEW_IN_PROGRESS')
      await deleteStack(cfn, deployment.stackName);
    if (!templateWasThere) await deleteObject(s3, deployment.bucket, templateKey);
  };
  if (changeSet.Status === 'FAILED') {
    await leaveNothing();
    if (NO_CHANGES.test(changeSet.StatusReason ?? '')) {
      return {
        stackName: deployment.stackName,
        operation,
        changes: [],
        executed: false,
        stackStatus: before?.StackStatus,
      };
    }
    throw new DrError(`The change set of stack ${deployment.stackName} failed: ${changeSet.StatusReason}`, {
      hint: 'Fix what CloudFormation names there, then deploy again.',
    });
  }
  if (options.dryRun) {
    await leaveNothing();
    return { stackName: deployment.stackName, operation, changes, executed: false, stackStatus: before?.StackStatus };
  }
  const executedAt = new Date(Date.now() - 1000);
  await executeChangeSet(cfn, changeSetId);
  const { stack } = await until(options, async () => {
    const current = await describeStackIfExists(cfn, deployment.stackName);
    say(`Stack ${deployment.stackName}: ${current?.StackStatus ?? 'gone'}`);
    return current && /_IN_PROGRESS$/.test(current.StackStatus ?? '') ? undefined : { stack: current };
  });
  const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
  if (status !== 'CREATE_COMPLETE' && status !== 'UPDATE_COMPLETE') {
    const failure = firstFailure(await stackEvents(cfn, deployment.stackName), deployment.stackName, executedAt);
    throw new DrError(
      `Deploying stack ${deployment.stackName} failed (${status}): ${
        failure
          ? `${failure.LogicalResourceId} (${failure.ResourceType}) ${failure.ResourceStatus}: ${failure.ResourceStatusReason}`
          : (stack?.StackStatusReason ?? 'no reason given')
      }`,
      {
        hint: `Fix the cause CloudFormation names, then deploy again${status === 'ROLLBACK_COMPLETE' ? ` (delete the rolled-back stack first: aws cloudformation delete-stack --stack-name ${deployment.stackName})` : ''}.`,
        details: { stackStatus: status, failure },
      },
    );
  }
  return { stackName: deployment.stackName, operation, changes, executed: true, stackStatus: status };
}

/** CREATE for a stack that does not exist yet (or only awaits a first change set); UPDATE for a stable one. */
function changeSetType(stackName: string, status: string | undefined): 'CREATE' | 'UPDATE' {
  if (status === undefined || status === 'REVIEW_IN_PROGRESS') return 'CREATE';
  if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED') {
    throw new DrError(`Stack ${stackName} is ${status}: its creation failed, and such a stack cannot be updated.`, {
      hint: `Delete it (aws cloudformation delete-stack --stack-name ${stackName}), then deploy again.`,
    });
  }
  if (/_IN_PROGRESS$/.test(status)) {
    throw new DrError(`Stack ${stackName} is ${status}: another operation is running on it.`, {
      hint: 'Wait for it to end (aws cloudformation describe-stacks), then deploy again.',
    });
  }
  return 'UPDATE';
}

/** The first resource that failed in the operation begun at `since` (a cancelled one only followed another's failure). */
function firstFailure(events: readonly StackEvent[], stackName: string, since: Date): StackEvent | undefined {
  return [...events]
    .reverse()
    .find(
      (e) =>
        (e.Timestamp ?? since) >= since &&
        e.LogicalResourceId !== stackName &&
        /_FAILED$/.test(e.ResourceStatus ?? '') &&
        !/cancelled/i.test(e.ResourceStatusReason ?? ''),
    );
}

function stackChange(change: Change): StackChange {
  const c = change.ResourceChange ?? {};
  return {
    action: c.Action ?? '',
    logicalId: c.LogicalResourceId ?? '',
    resourceType: c.ResourceType ?? '',
    ...(c.Replacement && { replacement: c.Replacement }),
  };
}

/** Polls `check` until it returns a value, waiting `pollIntervalMs` doubling up to 10 s between calls. */
async function until<T>(options: DeployOptions, check: () => Promise<T | undefined>): Promise<T> {
  let wait = options.pollIntervalMs ?? 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 10_000);
  }
}
