import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleTable, tableContents } from '../../core/test/restore/restoreFixtures.js';
import { parseDrillReport, type DrillReport } from '../../core/src/drillReports/drillReport.js';
import { SANDBOX_ACCOUNT } from '../../sandbox/src/sandboxAccount.js';
import { synthesizeRecoveryTemplate, type SynthesizedRecoveryTemplate } from '../src/index.js';
import { deployTemplate, executionFinished } from './stackDeployment.js';

// The scheduled drill as it deploys: the template of `dynamo-dr synth` with a drill of the staging table, deployed
// to the sandbox by CloudFormation; the drill state machine run by the sandbox's Step Functions, its worker by the
// sandbox's Lambda with its role's exact permissions enforced; the report read from the bucket; the monitor
// invoked to read it. The sandbox's EventBridge runs no schedules (its CloudFormation records an
// AWS::Scheduler::Schedule without running it): the schedule is asserted in the template
// (scheduledDrill.test.ts), and here the state machine is started directly, as the schedule would.
const TABLE = 'Staging-Orders';
const MACHINE = 'DRDrillDynamoDbTableStagingOrdersStateMachine';

let sandbox: Sandbox;
let dynamodb: DynamoDBClient;
let synth: SynthesizedRecoveryTemplate;

beforeAll(async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'dr-drill-deploy-')), 'out');
  synth = synthesizeRecoveryTemplate({
    outdir: out,
    stackName: 'StagingDisasterRecovery',
    recovery: {
      environmentName: 'Staging',
      tables: [{ table: TABLE, logicalName: 'StagingOrders', segments: 1 }],
      drill: { table: TABLE },
    },
  });
  sandbox = await startSandbox({ assetDirectories: [out], stepFunctionsTimeScale: 0.01, restoreBaseMs: 20 });
  dynamodb = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(dynamodb, TABLE, 10);
  await deployTemplate(sandbox, synth.stackName, synth.templateFile);
}, 180_000);
afterAll(() => sandbox?.stop());

/** Starts the drill state machine with the schedule's input, `{}`, and waits for the execution's end. */
async function startDrill() {
  const sfn = new SFNClient(sandbox.clientConfig);
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: `arn:aws:states:${sandbox.region}:${SANDBOX_ACCOUNT}:stateMachine:${MACHINE}`,
      input: '{}',
    }),
  );
  return executionFinished(sfn, executionArn!);
}

describe('the scheduled drill, deployed to the sandbox', () => {
  it('records the schedule without running it (the sandbox runs no schedules)', async () => {
    const { StackResources } = await new CloudFormationClient(sandbox.clientConfig).send(
      new DescribeStackResourcesCommand({ StackName: synth.stackName }),
    );
    const schedule = StackResources!.find((r) => r.ResourceType === 'AWS::Scheduler::Schedule');
    expect(schedule?.ResourceStatusReason).toMatch(
      /AWS::Scheduler::Schedule is not emulated by the dynamo-dr sandbox: recorded in the stack/,
    );
  });

  it('runs a restore-as drill to a passed report in the bucket, leaves the table as it was, and the monitor reads its age', async () => {
    const before = await tableContents(dynamodb, TABLE);
    const execution = await startDrill();
    expect([execution.status, execution.cause]).toEqual(['SUCCEEDED', undefined]);
    const output = JSON.parse(execution.output!) as { drillId: string; outcome: string; report: string };
    expect(output).toMatchObject({ outcome: 'passed' });
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(output.report)!;
    expect(key).toMatch(new RegExp(`^recovery-tests/\\d{4}-\\d{2}-\\d{2}-Staging-${TABLE}-${output.drillId}\\.json$`));

    const s3 = new S3Client({ ...sandbox.clientConfig, forcePathStyle: true });
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const report = parseDrillReport(await object.Body!.transformToString()) as DrillReport;
    expect(report).toMatchObject({ drillId: output.drillId, scenario: 'restore-as', outcome: 'passed', failures: [] });
    expect(report.verification.canaries).toEqual({ expected: 4, matched: 4, mismatches: [] });
    expect(report.verification.digest?.actual).toBe(report.verification.digest?.expected);
    expect(report.measurements.rtoSeconds.phases).toEqual({ restore: expect.any(Number), verify: expect.any(Number) });
    // Cleaned up: no drill table, no canary.
    expect(await tableContents(dynamodb, TABLE)).toEqual(before);
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual([
      'Staging-DisasterRecoveryJournal',
      TABLE,
    ]);

    // The monitor finds the report in the bucket: the last drill is 0 days old.
    const invoked = await new LambdaClient(sandbox.clientConfig).send(
      new InvokeCommand({ FunctionName: 'Staging-DisasterRecoveryMonitor' }),
    );
    const run = JSON.parse(new TextDecoder().decode(invoked.Payload)) as {
      tables: { tableName: string; lastDrillAgeDays?: number }[];
    };
    expect(run.tables).toEqual([expect.objectContaining({ tableName: TABLE, lastDrillAgeDays: 0 })]);
  });

  it('fails the execution when the restore comes back wrong, after putting a failed report naming the canary and how', async () => {
    // The corrupt-restore fault alters the first item by key of the next restore: canary#1 (dynamo-dr-drill#… sorts first).
    sandbox.setFaults(TABLE, { corruptRestore: { action: 'alter' } });
    const execution = await startDrill();
    sandbox.setFaults(TABLE, undefined);
    expect(execution.status).toBe('FAILED');
    const { errorMessage } = JSON.parse(execution.cause!) as { errorMessage: string };
    expect(errorMessage).toMatch(
      /Canary canary#1 \{"pk":"dynamo-dr-drill#drill-[^"]+#1","sk":"1"\} came back wrong: attribute dynamoDrDrillBody altered/,
    );
    const [, bucket, key] = /\(report s3:\/\/([^/]+)\/(\S+\.json)\)/.exec(errorMessage)!;
    const s3 = new S3Client({ ...sandbox.clientConfig, forcePathStyle: true });
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const report = parseDrillReport(await object.Body!.transformToString()) as DrillReport;
    expect(report.outcome).toBe('failed');
    expect(report.verification.canaries.mismatches).toEqual([
      {
        key: expect.stringMatching(/^canary#1 /),
        problem: expect.stringMatching(/^attribute dynamoDrDrillBody altered/),
      },
    ]);
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual([
      'Staging-DisasterRecoveryJournal',
      TABLE,
    ]);
  });
});
