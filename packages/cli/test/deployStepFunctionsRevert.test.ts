import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ListExportsCommand } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
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
import { runCli } from './restoreHarness.js';

// `dynamo-dr deploy` deploys the stack with a revert machine per table (the configuration names the exports'
// bucket); `dynamo-dr restore --mode revert` then starts the deployed revert machine through StartExecution
// and follows it. Its worker runs in the sandbox's Lambda with the role the construct gave it (IAM enforced).
const TABLE = 'Prod-Orders';
const ITEMS = 30;
const ARTIFACTS = 'dr-artifacts';
const EXPORTS = 'dr-exports';
const STACK = 'ProdDisasterRecovery';
const MIN_PERIOD_MS = 1000;

let sandbox: Sandbox;
let dynamodb: DynamoDBClient;
let dir: string;
let pointInTime: string;
let atT: string[];

const cli = (...args: string[]) => runCli(sandbox, dir, args);
const revertMachine = `DRRevertDynamoDbTableOrdersStateMachine`;
const executions = async () =>
  (
    (
      await new SFNClient(sandbox.clientConfig).send(
        new ListExecutionsCommand({
          stateMachineArn: `arn:aws:states:${sandbox.region}:${SANDBOX_ACCOUNT}:stateMachine:${revertMachine}`,
        }),
      )
    ).executions ?? []
  ).map((e) => `${e.name}:${e.status}`);
const exportCount = async () => {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: TABLE }));
  return (await dynamodb.send(new ListExportsCommand({ TableArn: Table!.TableArn }))).ExportSummaries?.length ?? 0;
};
const revertArgs = (incident: string, ...more: string[]) => [
  'restore',
  '--table',
  TABLE,
  '--to',
  pointInTime,
  '--incident',
  incident,
  '--confirm',
  TABLE,
  '--mode',
  'revert',
  '--allow-live-writes',
  ...more,
];

beforeAll(async () => {
  sandbox = await startSandbox({
    stepFunctionsTimeScale: 0.01,
    exportMs: 50,
    minIncrementalExportPeriodMs: MIN_PERIOD_MS,
  });
  dynamodb = new DynamoDBClient(sandbox.clientConfig);
  const s3 = new S3Client({ ...sandbox.clientConfig, forcePathStyle: true });
  for (const Bucket of [ARTIFACTS, EXPORTS]) await s3.send(new CreateBucketCommand({ Bucket }));
  s3.destroy();
  dir = await mkdtemp(path.join(tmpdir(), 'dr-sfn-revert-'));
  await writeDeploymentConfig(
    dir,
    'Prod',
    { Orders: TABLE },
    { stackName: STACK, s3Bucket: ARTIFACTS },
    { segments: 2, exportBucket: EXPORTS, exportPrefix: 'revert', minExportPeriodSeconds: MIN_PERIOD_MS / 1000 },
  );
  await createSampleTable(dynamodb, TABLE, ITEMS);
  pointInTime = await timeBetweenWrites();
  atT = await tableContents(dynamodb, TABLE);
  await simulateIncident(dynamodb, TABLE, ITEMS);
  await new Promise((resolve) => setTimeout(resolve, MIN_PERIOD_MS + 100));
  const deployed = await cli('deploy');
  expect(deployed.code, deployed.stderr).toBe(0);
}, 240_000);
afterAll(() => sandbox?.stop());

describe('dynamo-dr restore --mode revert --executor step-functions', () => {
  it('refuses bad input with exit 2 before any execution or export; --dry-run counts the writes, starting none', async () => {
    const before = await tableContents(dynamodb, TABLE);
    const baked = await cli(...revertArgs('incident-bad', '--export-bucket', 'other-bucket'));
    expect([baked.code, baked.stderr]).toEqual([
      2,
      expect.stringContaining('--export-bucket "other-bucket" cannot change a revert on Step Functions'),
    ]);
    const early = await cli(...revertArgs('incident-bad', '--until', '2001-01-01T00:00:00Z'));
    expect([early.code, early.stderr]).toEqual([2, expect.stringContaining('is not between the time')]);
    expect(await executions()).toEqual([]);
    expect(await exportCount()).toBe(0);
    expect(await tableContents(dynamodb, TABLE)).toEqual(before);

    // The dry run counts what the revert would write, as in-process: it runs the export and reads it here, but starts
    // no execution and writes nothing. 5 deleted and 5 updated items to put back, 5 new ones to delete.
    const dry = await cli(...revertArgs('incident-dry', '--dry-run'));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(
      /mode {16}revert \(write back the keys changed up to .*; 1 export\(s\) to s3:\/\/dr-exports\/revert\)/,
    );
    expect(dry.stderr).toContain('Executor: step-functions');
    expect(dry.stderr).not.toContain('temporary table');
    expect(dry.stderr).toContain(`${TABLE}: 10 put(s), 5 delete(s)`);
    expect(await executions()).toEqual([]);
    expect(await exportCount()).toBe(1);
    expect(await tableContents(dynamodb, TABLE)).toEqual(before);
  }, 120_000);

  it('reverts through the deployed revert machine to exactly the table at T; run again, it starts nothing', async () => {
    const reverted = await cli(...revertArgs('incident-r1', '--verify', 'full'));
    expect(reverted.code, reverted.stderr).toBe(0);
    expect(reverted.stderr).toMatch(
      new RegExp(`${TABLE}: started arn:aws:states:.*:${revertMachine}:incident-r1-Orders`),
    );
    // The execution's history, step by step: the exports polled, the writes fanned out, the read-back.
    for (const step of [
      'AwaitRevertExports',
      'RevertChangedItems',
      'VerifyRevertedItems',
      'VerifyTableAgainstRestore',
    ]) {
      expect(reverted.stderr).toContain(`${TABLE}: ${step}`);
    }
    expect(await tableContents(dynamodb, TABLE)).toEqual(atT);
    expect(await executions()).toEqual(['incident-r1-Orders:SUCCEEDED']);
    expect(await exportCount()).toBe(2); // the dry run's and this run's
    const { tables, backups } = await awsResources(dynamodb);
    expect(tables).toEqual(['Prod-DisasterRecoveryJournal', TABLE]); // no temporary table
    expect(backups).toEqual([`${TABLE}-forensic-incident-r1:AVAILABLE`]);

    const again = await cli(...revertArgs('incident-r1', '--json'));
    expect(again.code, again.stderr).toBe(0);
    const run = JSON.parse(again.stdout) as {
      result: string;
      tables: Record<
        string,
        { counts: { revert: { written: number; deleted: number } }; fullVerification: { equal: boolean } }
      >;
    };
    expect(run.result).toBe('succeeded');
    // 5 deleted and 5 updated items put back, 5 new ones deleted.
    expect(run.tables[TABLE]!.counts.revert).toMatchObject({ written: 10, deleted: 5 });
    // --verify full: the whole table equal to a PITR restore at T, in a temporary table deleted since.
    expect(run.tables[TABLE]!.fullVerification).toMatchObject({ equal: true, differing: 0 });
    expect(await executions()).toEqual(['incident-r1-Orders:SUCCEEDED']);
    // dynamo-dr runs lists the revert machine's executions with the restore machines'.
    const listed = await cli('runs', '--json');
    const { stacks } = JSON.parse(listed.stdout) as { stacks: { executions: { name: string; status: string }[] }[] };
    expect(stacks[0]!.executions.map((e) => `${e.name}:${e.status}`)).toEqual(['incident-r1-Orders:SUCCEEDED']);
  }, 240_000);

  it('a difference found by --verify full fails the command with exit 1 naming the keys, as in-process', async () => {
    await simulateIncident(dynamodb, TABLE, ITEMS);
    await new Promise((resolve) => setTimeout(resolve, MIN_PERIOD_MS + 100));
    // The PITR restore at T that --verify full compares with comes back with one item missing.
    sandbox.setFaults(TABLE, { corruptRestore: { action: 'drop' } });
    try {
      const failed = await cli(...revertArgs('incident-r2', '--verify', 'full'));
      expect(failed.code, failed.stderr).toBe(1);
      expect(failed.stderr).toMatch(new RegExp(`1 key\\(s\\) of ${TABLE} differ from a PITR restore of it at `));
    } finally {
      sandbox.setFaults(TABLE, {});
    }
    expect(await executions()).toEqual(['incident-r2-Orders:FAILED', 'incident-r1-Orders:SUCCEEDED']);
    // The revert itself was exact; the temporary table is deleted.
    expect(await tableContents(dynamodb, TABLE)).toEqual(atT);
    expect((await awsResources(dynamodb)).tables).toEqual(['Prod-DisasterRecoveryJournal', TABLE]);
  }, 240_000);
});
