import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { SANDBOX_ACCOUNT } from '../../sandbox/src/sandboxAccount.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsResources,
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { writeDeploymentConfig } from './deploymentConfig.js';
import { runCli, startCli } from './restoreHarness.js';

// `dynamo-dr deploy` synthesizes the recovery stack and deploys it to the sandbox through a change set (the
// worker's code and the template uploaded to S3, as on AWS); `dynamo-dr restore --executor step-functions`
// then starts the deployed restore machines and follows them. Everything is checked with the plain SDK.
const TABLES = { Orders: 'Prod-Orders', Events: 'Prod-Events' } as const;
const ITEMS = 30;
const BUCKET = 'dr-artifacts';
const STACK = 'ProdDisasterRecovery';

let sandbox: Sandbox;
let dynamodb: DynamoDBClient;
let cfn: CloudFormationClient;
let s3: S3Client;
let dir: string;
let pointInTime: string;
const atT = new Map<string, string[]>();

const cli = (...args: string[]) => runCli(sandbox, dir, args);
const bucketKeys = async () =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key).sort();
const restoreMachine = (logicalName: string) =>
  `arn:aws:states:${sandbox.region}:${SANDBOX_ACCOUNT}:stateMachine:DRRestoreDynamoDbTable${logicalName}StateMachine`;
const executionsOf = async (logicalName: string) =>
  (
    (
      await new SFNClient(sandbox.clientConfig).send(
        new ListExecutionsCommand({ stateMachineArn: restoreMachine(logicalName) }),
      )
    ).executions ?? []
  ).map((e) => `${e.name}:${e.status}`);
const restoreArgs = (table: string, incident: string, ...more: string[]) => [
  'restore',
  '--table',
  table,
  '--to',
  pointInTime,
  '--incident',
  incident,
  '--confirm',
  table,
  '--allow-live-writes',
  ...more,
];
const stacks = async () =>
  ((await cfn.send(new ListStacksCommand({}))).StackSummaries ?? [])
    .filter((s) => s.StackStatus !== 'DELETE_COMPLETE')
    .map((s) => `${s.StackName}:${s.StackStatus}`);

beforeAll(async () => {
  sandbox = await startSandbox({ stepFunctionsTimeScale: 0.01 });
  dynamodb = new DynamoDBClient(sandbox.clientConfig);
  cfn = new CloudFormationClient(sandbox.clientConfig);
  s3 = new S3Client({ ...sandbox.clientConfig, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  dir = await mkdtemp(path.join(tmpdir(), 'dr-sfn-'));
  await writeDeploymentConfig(dir, 'Prod', TABLES, { stackName: STACK, s3Bucket: BUCKET }, { segments: 2 });
  for (const table of Object.values(TABLES)) await createSampleTable(dynamodb, table, ITEMS);
  pointInTime = await timeBetweenWrites();
  for (const table of Object.values(TABLES)) {
    atT.set(table, await tableContents(dynamodb, table));
    await simulateIncident(dynamodb, table, ITEMS);
  }
}, 60_000);
afterAll(() => sandbox?.stop());

describe('dynamo-dr deploy', () => {
  it('refuses a bad bucket name, and a bucket that does not exist, changing nothing', async () => {
    const bad = await cli('deploy', '--s3-bucket', 'Not_A_Bucket');
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining('--s3-bucket "Not_A_Bucket" is not an S3 bucket name'),
    ]);
    const missing = await cli('deploy', '--s3-bucket', 'no-such-bucket');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"no-such-bucket" is not a bucket these credentials can reach');
    expect(await stacks()).toEqual([]);
    expect(await bucketKeys()).toEqual([]);
  }, 120_000);

  it('--dry-run prints the change set and changes nothing', async () => {
    const dry = await cli('deploy', '--dry-run', '--json');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    const result = JSON.parse(dry.stdout) as {
      operation: string;
      executed: boolean;
      changes: { action: string; resourceType: string }[];
    };
    expect([result.operation, result.executed]).toEqual(['create', false]);
    const machines = result.changes.filter((c) => c.resourceType === 'AWS::StepFunctions::StateMachine');
    expect(machines.map((c) => c.action)).toEqual(['Add', 'Add', 'Add', 'Add']);
    expect(await stacks()).toEqual([]);
    expect(await bucketKeys()).toEqual([]);
  }, 120_000);

  it('creates the stack through a change set, and a second deploy has nothing to change', async () => {
    const first = await cli('deploy');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Stack ${STACK}: CREATE_COMPLETE`);
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }));
    expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const resources = await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }));
    expect(
      resources
        .StackResources!.filter((r) => r.ResourceType === 'AWS::StepFunctions::StateMachine')
        .map((r) => r.PhysicalResourceId!.split(':').pop())
        .sort(),
    ).toEqual([
      'DRRestoreDynamoDbTableEventsStateMachine',
      'DRRestoreDynamoDbTableOrdersStateMachine',
      'EventsDRSyncTableDataStateMachine',
      'OrdersDRSyncTableDataStateMachine',
    ]);
    const again = await cli('deploy');
    expect([again.code, again.stderr]).toEqual([
      0,
      expect.stringContaining(`Stack ${STACK}: no changes (CREATE_COMPLETE).`),
    ]);
  }, 240_000);
});

describe('dynamo-dr restore --executor step-functions', () => {
  it('rolls both tables back through their deployed restore machines: every item as at T, forensic backups kept, no temporary table left', async () => {
    const restored = await cli(
      'restore',
      '--table',
      TABLES.Orders,
      '--table',
      TABLES.Events,
      '--to',
      pointInTime,
      '--incident',
      'incident-7',
      '--confirm',
      TABLES.Orders,
      '--confirm',
      TABLES.Events,
      '--allow-live-writes',
      '--json',
    );
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    for (const table of Object.values(TABLES)) expect(await tableContents(dynamodb, table)).toEqual(atT.get(table));
    const { tables, backups } = await awsResources(dynamodb);
    expect(tables).toEqual(['Prod-DisasterRecoveryJournal', 'Prod-Events', 'Prod-Orders']);
    expect(backups).toEqual(['Prod-Events-forensic-incident-7:AVAILABLE', 'Prod-Orders-forensic-incident-7:AVAILABLE']);
  }, 240_000);
});

describe('dynamo-dr restore on Step Functions, interrupted or refused', () => {
  it('changes nothing and starts nothing on bad input', async () => {
    const before = await tableContents(dynamodb, TABLES.Orders);
    const args = restoreArgs(TABLES.Orders, 'incident-9');
    args[args.indexOf('--confirm') + 1] = 'prod-orders';
    const wrong = await cli(...args);
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining('--confirm "prod-orders"')]);
    const baked = await cli(...restoreArgs(TABLES.Orders, 'incident-9', '--segments', '8'));
    expect([baked.code, baked.stderr]).toEqual([
      2,
      expect.stringContaining('--segments "8" cannot change a restore on Step Functions'),
    ]);
    expect(await executionsOf('Orders')).toEqual(['incident-7-Orders:SUCCEEDED']);
    expect(await tableContents(dynamodb, TABLES.Orders)).toEqual(before);
  }, 120_000);

  it('killed while following, run again with the same incident: attaches, and exactly one execution exists', async () => {
    await simulateIncident(dynamodb, TABLES.Orders, ITEMS);
    // Slow control-plane calls keep the execution running past the second command's start, even when a loaded
    // machine takes seconds to start it.
    sandbox.setLatency({ control: { fixedMs: 1000 } });
    try {
      const first = startCli(sandbox, dir, restoreArgs(TABLES.Orders, 'incident-8'));
      let stderr = '';
      first.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      await expect.poll(() => stderr, { timeout: 60_000, interval: 100 }).toContain('started arn:');
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');
      const again = await cli(...restoreArgs(TABLES.Orders, 'incident-8'));
      expect(again.stderr).toContain(`${TABLES.Orders}: attached to the running execution`);
      expect(again.code).toBe(0);
    } finally {
      sandbox.setLatency(undefined);
    }
    expect((await executionsOf('Orders')).sort()).toEqual([
      'incident-7-Orders:SUCCEEDED',
      'incident-8-Orders:SUCCEEDED',
    ]);
    expect(await tableContents(dynamodb, TABLES.Orders)).toEqual(atT.get(TABLES.Orders));
  }, 240_000);

  it("dynamo-dr runs lists the stack's runs (its journal) and its restore machines' executions", async () => {
    const listed = await cli('runs', '--json');
    expect(listed.code).toBe(0);
    const { stacks } = JSON.parse(listed.stdout) as {
      stacks: {
        stackName: string;
        runs: { incidentId: string; result: string }[];
        executions: { name: string; status: string }[];
      }[];
    };
    expect(stacks.map((s) => s.stackName)).toEqual([STACK]);
    expect(stacks[0]!.runs.map((r) => `${r.incidentId}:${r.result}`).sort()).toEqual([
      'incident-7:succeeded',
      'incident-8:succeeded',
    ]);
    expect(stacks[0]!.executions.map((e) => `${e.name}:${e.status}`).sort()).toEqual([
      'incident-7-Events:SUCCEEDED',
      'incident-7-Orders:SUCCEEDED',
      'incident-8-Orders:SUCCEEDED',
    ]);
  }, 60_000);
});
