import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsResources,
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { SANDBOX_ACCOUNT } from '../../sandbox/src/sandboxAccount.js';
import { synthesizeRecoveryTemplate, type SynthesizedRecoveryTemplate } from '../src/index.js';
import { deployTemplate, executionFinished } from './stackDeployment.js';

// What the construct synthesizes is what runs: the template of `dynamo-dr synth`, deployed to the sandbox by
// CloudFormation (its worker's code read from the synth output), its state machines run by the sandbox's Step
// Functions, its workers by the sandbox's Lambda with their roles' credentials, every call checked against the
// role's policies. The roles' exact permissions suffice for a whole recovery, and reach no other table.
const TABLES = { Orders: 'Prod-Orders', Events: 'Prod-Events' } as const;
const ITEMS = 30;

let sandbox: Sandbox;
let dynamodb: DynamoDBClient;
let synth: SynthesizedRecoveryTemplate;
let pointInTime: string;
const atT = new Map<string, string[]>();

beforeAll(async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'dr-deploy-')), 'out');
  synth = synthesizeRecoveryTemplate({
    outdir: out,
    stackName: 'ProdDisasterRecovery',
    recovery: {
      environmentName: 'Prod',
      tables: [
        { table: TABLES.Orders, logicalName: 'Orders', segments: 2 },
        { table: TABLES.Events, logicalName: 'Events', segments: 2, mode: 'reset' },
      ],
    },
  });
  sandbox = await startSandbox({ assetDirectories: [out], stepFunctionsTimeScale: 0.01 });
  dynamodb = new DynamoDBClient(sandbox.clientConfig);
  for (const table of Object.values(TABLES)) await createSampleTable(dynamodb, table, ITEMS);
  pointInTime = await timeBetweenWrites();
  for (const table of Object.values(TABLES)) {
    atT.set(table, await tableContents(dynamodb, table));
    await simulateIncident(dynamodb, table, ITEMS);
  }
  await deployTemplate(sandbox, synth.stackName, synth.templateFile);
}, 180_000);
afterAll(() => sandbox?.stop());

describe('the synthesized stack, deployed to the sandbox', () => {
  it('rolls both tables back to T through their restore machines: every item as at T, forensic backups kept, no temporary table left', async () => {
    const sfn = new SFNClient(sandbox.clientConfig);
    const executions = await Promise.all(
      Object.entries(TABLES).map(async ([logicalName, table]) => {
        const { executionArn } = await sfn.send(
          new StartExecutionCommand({
            stateMachineArn: `arn:aws:states:${sandbox.region}:${SANDBOX_ACCOUNT}:stateMachine:DRRestoreDynamoDbTable${logicalName}StateMachine`,
            name: 'incident-7',
            input: JSON.stringify({
              incidentId: 'incident-7',
              pitrBackupTime: pointInTime,
              tableNameRecoveryConfirmation: table,
            }),
          }),
        );
        return executionFinished(sfn, executionArn!);
      }),
    );
    for (const execution of executions) expect([execution.status, execution.cause]).toEqual(['SUCCEEDED', undefined]);
    for (const table of Object.values(TABLES)) expect(await tableContents(dynamodb, table)).toEqual(atT.get(table));
    const { tables, backups } = await awsResources(dynamodb);
    expect(tables).toEqual(['Prod-DisasterRecoveryJournal', 'Prod-Events', 'Prod-Orders']);
    expect(backups).toEqual(['Prod-Events-forensic-incident-7:AVAILABLE', 'Prod-Orders-forensic-incident-7:AVAILABLE']);
  });

  it("gives each table's worker nothing on the other table", async () => {
    const resources = await new CloudFormationClient(sandbox.clientConfig).send(
      new DescribeStackResourcesCommand({ StackName: synth.stackName }),
    );
    const role = resources.StackResources!.find((r) =>
      r.LogicalResourceId?.startsWith('DisasterRecoveryOrdersWorkerRole'),
    );
    const arn = (table: string) => `arn:aws:dynamodb:${sandbox.region}:${SANDBOX_ACCOUNT}:table/${table}`;
    const simulate = (resource: string) =>
      new IAMClient(sandbox.clientConfig).send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/${role!.PhysicalResourceId}`,
          ActionNames: ['dynamodb:BatchWriteItem', 'dynamodb:DeleteTable', 'dynamodb:RestoreTableToPointInTime'],
          ResourceArns: [resource],
        }),
      );
    const decisions = async (resource: string) =>
      (await simulate(resource)).EvaluationResults!.map((r) => `${r.EvalActionName}:${r.EvalDecision}`);
    expect(await decisions(arn('Prod-Events'))).toEqual([
      'dynamodb:BatchWriteItem:implicitDeny',
      'dynamodb:DeleteTable:implicitDeny',
      'dynamodb:RestoreTableToPointInTime:implicitDeny',
    ]);
    expect(await decisions(arn('Prod-Orders'))).toEqual([
      'dynamodb:BatchWriteItem:allowed',
      'dynamodb:DeleteTable:implicitDeny',
      'dynamodb:RestoreTableToPointInTime:allowed',
    ]);
    expect(await decisions(arn('Prod-Orders-dr-incident-8'))).toContain('dynamodb:DeleteTable:allowed');
  });
});
