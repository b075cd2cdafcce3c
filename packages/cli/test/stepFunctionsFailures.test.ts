import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { deployStack } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeRecoveryTemplate } from '../../cdk/src/index.js';
import {
  awsResources,
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { SANDBOX_ACCOUNT } from '../../sandbox/src/sandboxAccount.js';
import { writeDeploymentConfig } from './deploymentConfig.js';
import { runCli } from './restoreHarness.js';

// A deployed stack that cannot do its work, deployed with the same code as `dynamo-dr deploy` after patching
// its synthesized template: the Audit worker's role lacks one permission (BatchWriteItem on its table), the
// Ledger worker lacks its journal variable (the function fails). `dynamo-dr restore` on Step Functions fails
// loudly with the denied action or the function's message, and nothing is lost.
const TABLES = { Audit: 'Weak-Audit', Ledger: 'Weak-Ledger', Slow: 'Weak-Slow' } as const;
/**
 * The Slow worker's timeout after patching: a sync segment's scan, delayed longer, cannot finish in it, while the
 * steps before the sync (validation, the forensic backup) finish in it even on a loaded machine.
 */
const SLOW_TIMEOUT_SECONDS = 3;
const ITEMS = 20;
const STACK = 'WeakDisasterRecovery';

let sandbox: Sandbox;
let dynamodb: DynamoDBClient;
let dir: string;
let pointInTime: string;

type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The template without `dynamodb:BatchWriteItem` on the Audit table for its worker, the Ledger worker without its
 * journal, and the Slow worker with a short timeout.
 */
function weakened(template: { Resources: Record<string, Resource> }): unknown {
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of resource.Properties.Policies ?? []) {
        for (const statement of policy.PolicyDocument.Statement) {
          if (JSON.stringify(statement.Resource).endsWith(`:table/${TABLES.Audit}"]]}`)) {
            statement.Action = statement.Action.filter((a: string) => a !== 'dynamodb:BatchWriteItem');
          }
        }
      }
    }
    if (
      resource.Type === 'AWS::Lambda::Function' &&
      resource.Properties.FunctionName === 'Weak-DisasterRecovery-Ledger'
    ) {
      delete resource.Properties.Environment.Variables.DYNAMO_DR_JOURNAL_TABLE;
    }
    if (
      resource.Type === 'AWS::Lambda::Function' &&
      resource.Properties.FunctionName === 'Weak-DisasterRecovery-Slow'
    ) {
      resource.Properties.Timeout = SLOW_TIMEOUT_SECONDS;
    }
  }
  return template;
}

beforeAll(async () => {
  sandbox = await startSandbox({ stepFunctionsTimeScale: 0.01 });
  dynamodb = new DynamoDBClient(sandbox.clientConfig);
  dir = await mkdtemp(path.join(tmpdir(), 'dr-sfn-weak-'));
  const synth = synthesizeRecoveryTemplate({
    outdir: path.join(dir, 'out'),
    stackName: STACK,
    recovery: {
      environmentName: 'Weak',
      tables: [
        { table: TABLES.Audit, logicalName: 'Audit', segments: 2 },
        { table: TABLES.Ledger, logicalName: 'Ledger', segments: 2 },
        { table: TABLES.Slow, logicalName: 'Slow', segments: 2 },
      ],
    },
  });
  const template = JSON.parse(await readFile(synth.templateFile, 'utf8')) as { Resources: Record<string, Resource> };
  await writeFile(synth.templateFile, JSON.stringify(weakened(template)));
  const s3 = new S3Client({ ...sandbox.clientConfig, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'dr-artifacts' }));
  await deployStack(
    { cloudformation: new CloudFormationClient(sandbox.clientConfig), s3 },
    { ...synth, bucket: 'dr-artifacts' },
    { pollIntervalMs: 100 },
  );
  await writeDeploymentConfig(dir, 'Weak', TABLES, { stackName: STACK });
  for (const table of Object.values(TABLES)) await createSampleTable(dynamodb, table, ITEMS);
  pointInTime = await timeBetweenWrites();
  for (const table of Object.values(TABLES)) await simulateIncident(dynamodb, table, ITEMS);
}, 180_000);
afterAll(() => sandbox?.stop());

const restore = (table: string) =>
  runCli(sandbox, dir, [
    'restore',
    '--table',
    table,
    '--to',
    pointInTime,
    '--incident',
    'incident-1',
    '--confirm',
    table,
    '--allow-live-writes',
  ]);

describe('restore on Step Functions with a weakened stack', () => {
  it('a role missing one permission fails the restore loudly, naming the denied action; nothing is lost', async () => {
    const before = await tableContents(dynamodb, TABLES.Audit);
    const run = await restore(TABLES.Audit);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /is not authorized to perform: dynamodb:BatchWriteItem on resource: arn:aws:dynamodb:[^ ]+:table\/Weak-Audit/,
    );
    expect(await tableContents(dynamodb, TABLES.Audit)).toEqual(before);
    expect((await awsResources(dynamodb)).backups).toContain('Weak-Audit-forensic-incident-1:AVAILABLE');
  }, 120_000);

  it("a failing Lambda function fails the restore with the function's message; nothing is changed", async () => {
    const before = await tableContents(dynamodb, TABLES.Ledger);
    const run = await restore(TABLES.Ledger);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DYNAMO_DR_JOURNAL_TABLE is not set');
    expect(await tableContents(dynamodb, TABLES.Ledger)).toEqual(before);
    expect((await awsResources(dynamodb)).backups).not.toContain('Weak-Ledger-forensic-incident-1:AVAILABLE');
  }, 120_000);

  it('a Lambda function that times out fails the restore with its timeout; the forensic backup is kept', async () => {
    // Every Scan answered after the timeout and more: the Slow worker's sync segment outlives its timeout.
    sandbox.setLatency({ scan: { fixedMs: SLOW_TIMEOUT_SECONDS * 1000 + 1500 } });
    try {
      const run = await restore(TABLES.Slow);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Task timed out after ${SLOW_TIMEOUT_SECONDS.toFixed(2)} seconds`);
    } finally {
      sandbox.setLatency(undefined);
    }
    expect((await awsResources(dynamodb)).backups).toContain('Weak-Slow-forensic-incident-1:AVAILABLE');
  }, 120_000);

  it("a failed deployment names the resource that failed and CloudFormation's reason", async () => {
    const broken = path.join(dir, 'broken');
    await mkdir(path.join(broken, 'asset'), { recursive: true });
    await writeFile(path.join(broken, 'asset', 'index.mjs'), 'export const handler = async () => null;');
    const templateFile = path.join(broken, 'Broken.template.json');
    await writeFile(
      templateFile,
      JSON.stringify({
        Parameters: { WorkerCodeS3Bucket: { Type: 'String' }, WorkerCodeS3Key: { Type: 'String' } },
        Resources: {
          BrokenMachine: {
            Type: 'AWS::StepFunctions::StateMachine',
            Properties: {
              RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/none`,
              DefinitionString: '{"StartAt": "Nowhere"}',
            },
          },
        },
      }),
    );
    const cloudformation = new CloudFormationClient(sandbox.clientConfig);
    const s3 = new S3Client({ ...sandbox.clientConfig, forcePathStyle: true });
    await expect(
      deployStack(
        { cloudformation, s3 },
        {
          stackName: 'Broken',
          templateFile,
          assetDirectory: path.join(broken, 'asset'),
          assetKey: 'dynamo-dr/broken.zip',
          bucket: 'dr-artifacts',
        },
        { pollIntervalMs: 100 },
      ),
    ).rejects.toThrow(
      /^Deploying stack Broken failed \(ROLLBACK_COMPLETE\): BrokenMachine \(AWS::StepFunctions::StateMachine\) CREATE_FAILED: .+/,
    );
  }, 60_000);
});
