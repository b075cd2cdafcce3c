import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchClient, DescribeAlarmHistoryCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passedDrillReport } from '../../core/test/drillReports/drillReportFixture.js';
import { createTableNamed } from '../../core/test/health/createTableNamed.js';
import { drillReportFileName } from '../../core/src/drillReports/drillReport.js';
import { backupPolicy } from '../../core/src/backupPolicy/backupPolicy.js';
import type { CheckItem } from '../../core/src/health/checkItem.js';
import type { BackupCheckReport } from '../../core/src/health/runBackupCheck.js';
import { backupAlarmSpecs } from '../../core/src/monitor/backupAlarmSpecs.js';
import { restoreStateMachineName, syncStateMachineName } from '../../core/src/workflow/stateMachineNames.js';
import { SANDBOX_ACCOUNT } from '../../sandbox/src/sandboxAccount.js';
import { roleSession } from '../../sandbox/test/iam/roleSession.js';
import { roleSessionEnv, runCli, runCliWith } from './restoreHarness.js';

// `dynamo-dr pitr enable` and `dynamo-dr check` as a user runs them, against a sandbox holding what a deployment
// makes: the recovery workflow's state machines, the alarms from backupAlarmSpecs on a topic, drill reports.
let sandbox: Sandbox;
let ddb: DynamoDBClient;
let workDir: string;
let topicArn: string;

const PROD = ['Prod-Orders', 'Prod-Consent', 'Prod-BlockCounter'];
const config = (drills: string) => ({
  environments: {
    Prod: {
      tables: {
        Orders: { tableName: 'Prod-Orders' },
        Consent: { tableName: 'Prod-Consent' },
        BlockCounter: { tableName: 'Prod-BlockCounter' },
      },
      // The tables were created seconds before PITR was enabled: a minute's tolerance covers that.
      backups: { windowToleranceSeconds: 60 },
      drills: { reports: { directory: drills } },
    },
    // Its table gets PITR right after creation: three seconds' tolerance make a later reset visible soon.
    Reset: { tables: { Events: { tableName: 'Reset-Events' } }, backups: { windowToleranceSeconds: 3 } },
  },
});

const cli = (...args: string[]) => runCli(sandbox, workDir, args);
const pitrOf = async (table: string) => {
  const description = (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: table })))
    .ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
  // The latest restorable time moves with the clock; the rest is the table's setting.
  return { ...description, LatestRestorableDateTime: undefined };
};
const setPitr = (table: string, enabled: boolean, days?: number) =>
  ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: enabled, RecoveryPeriodInDays: days },
    }),
  );
async function checkReport(...args: string[]): Promise<{ code: number | null; report: BackupCheckReport }> {
  const run = await cli('check', '--json', ...args);
  return { code: run.code, report: JSON.parse(run.stdout) as BackupCheckReport };
}
const itemOf = (report: BackupCheckReport, id: CheckItem['id'], tableName?: string) =>
  report.items.find((i) => i.id === id && i.tableName === tableName);

beforeAll(async () => {
  sandbox = await startSandbox({ alarmEvaluationMs: 3_600_000 });
  ddb = new DynamoDBClient(sandbox.clientConfig);
  workDir = await mkdtemp(path.join(tmpdir(), 'drcheck-'));
  const drills = path.join(workDir, 'recovery-tests');
  await mkdir(drills);
  await writeFile(path.join(workDir, 'dynamo-dr.config.json'), JSON.stringify(config(drills)));
  for (const name of [...PROD, 'Reset-Events']) await createTableNamed(ddb, name, { deletionProtection: true });
  await setPitr('Reset-Events', true);
  topicArn = (await new SNSClient(sandbox.clientConfig).send(new CreateTopicCommand({ Name: 'dr-alarms' })))
    .TopicArn as string;
  const cloudwatch = new CloudWatchClient(sandbox.clientConfig);
  const sfn = new SFNClient(sandbox.clientConfig);
  const prod = backupPolicy(config(drills), 'Prod');
  for (const spec of backupAlarmSpecs(prod, { alarmActions: [topicArn] })) {
    await cloudwatch.send(new PutMetricAlarmCommand(spec.input));
  }
  for (const { logicalName, tableName } of prod.tables) {
    for (const name of [restoreStateMachineName(logicalName), syncStateMachineName(logicalName)]) {
      await sfn.send(
        new CreateStateMachineCommand({
          name,
          roleArn: 'arn:aws:iam::111122223333:role/dynamo-dr-workflow',
          definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
        }),
      );
    }
    const drill = passedDrillReport('Prod', tableName, new Date(Date.now() - 20 * 86_400_000));
    await writeFile(path.join(drills, drillReportFileName(drill)), JSON.stringify(drill));
  }
}, 60_000);
afterAll(() => sandbox.stop());

describe('dynamo-dr pitr enable, then dynamo-dr check', () => {
  it('enables PITR on the three tables (a before/after line each), changes nothing when run again', async () => {
    const enabled = await cli('pitr', 'enable', '--environment', 'Prod');
    expect(enabled.code).toBe(0);
    for (const table of PROD) {
      expect(enabled.stderr).toContain(`${table}: PITR off -> PITR on, retention 35 days`);
      expect(await pitrOf(table)).toMatchObject({ PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 });
    }
    const earliest = (await pitrOf('Prod-Orders'))?.EarliestRestorableDateTime;
    const again = await cli('pitr', 'enable', '--environment', 'Prod');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Prod-Orders: unchanged (PITR on, retention 35 days)');
    expect((await pitrOf('Prod-Orders'))?.EarliestRestorableDateTime).toEqual(earliest);
  });

  it('lists a table it could not change (exit 1) and changes the others', async () => {
    for (const name of ['Part-A', 'Part-B']) await createTableNamed(ddb, name);
    // An operator whose role may turn PITR on for Part-A only.
    const tables = ['Part-A', 'Part-B'].map((t) => `arn:aws:dynamodb:${sandbox.region}:${SANDBOX_ACCOUNT}:table/${t}`);
    const { credentials: c } = await roleSession(sandbox, 'pitr-operator', [
      { Effect: 'Allow', Action: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'], Resource: tables },
      { Effect: 'Allow', Action: 'dynamodb:UpdateContinuousBackups', Resource: tables[0] },
    ]);
    const env = roleSessionEnv(sandbox, c);
    const run = await runCliWith(env, workDir, ['pitr', 'enable', '--table', 'Part-A', '--table', 'Part-B']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Part-A: PITR off -> PITR on, retention 35 days');
    expect(run.stderr).toMatch(/Part-B: FAILED \(PITR off\): AWS denied DynamoDB \(UpdateContinuousBackups\)/);
    expect(run.stderr).toContain('PITR could not be enabled on 1 table(s): Part-B (the others are done');
    expect((await pitrOf('Part-A')).PointInTimeRecoveryStatus).toBe('ENABLED');
    expect((await pitrOf('Part-B')).PointInTimeRecoveryStatus).toBe('DISABLED');
  });

  it('passes every item once the alarms are tested; a later check sees the test in the alarm history', async () => {
    const out = path.join(workDir, 'report.md');
    const tested = await checkReport('--environment', 'Prod', '--test-alarms', '--out', out);
    expect(tested.report.items.filter((i) => i.status !== 'pass')).toEqual([]);
    expect(tested.code).toBe(0);
    expect(tested.report.alarmsTested).toHaveLength(9);
    expect(tested.report.items).toHaveLength(3 * 7 + 2);
    const notified = sandbox.snsMessages(topicArn).map((m) => JSON.parse(m.Message) as { NewStateValue: string });
    expect(notified.filter((m) => m.NewStateValue === 'ALARM')).toHaveLength(9);
    expect(await readFile(out, 'utf8')).toContain('**Backups are operational**');

    const later = await cli('check', '--environment', 'Prod');
    expect(later.code).toBe(0);
    expect(later.stderr).toMatch(
      /PASS {2}Alarms exist and were tested: Prod-Orders: 3 alarms exist and notified when tested/,
    );
    expect(later.stderr).toContain('23 passed, 0 warning(s), 0 failed: backups are operational.');
  });

  it('fails naming the table whose PITR was disabled, and refuses --test-alarms then, testing nothing', async () => {
    await setPitr('Prod-Consent', false);
    const failed = await cli('check', '--environment', 'Prod');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/FAIL {2}PITR enabled: Prod-Consent: PITR is disabled/);
    expect(failed.stderr).toMatch(/PASS {2}PITR enabled: Prod-Orders/);

    const cloudwatch = new CloudWatchClient(sandbox.clientConfig);
    const history = async () =>
      (await cloudwatch.send(new DescribeAlarmHistoryCommand({ HistoryItemType: 'StateUpdate' }))).AlarmHistoryItems;
    const [before, messages] = [await history(), sandbox.snsMessages(topicArn).length];
    const refused = await cli('check', '--environment', 'Prod', '--test-alarms');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--test-alarms cannot test the alarms of Prod-Consent: its PITR is disabled/);
    expect(await history()).toEqual(before);
    expect(sandbox.snsMessages(topicArn)).toHaveLength(messages);
  });

  it('flags a retention cut to one day', async () => {
    await setPitr('Prod-BlockCounter', true, 1);
    const { report } = await checkReport('--environment', 'Prod');
    expect(itemOf(report, 'restorable-window', 'Prod-BlockCounter')).toMatchObject({
      status: 'fail',
      evidence: expect.stringContaining('retention is 1 day(s), less than the required 35'),
    });
    expect(itemOf(report, 'restorable-window', 'Prod-Orders')?.status).toBe('pass');
  });

  it('fails the window of a table whose PITR was turned off and on again', async () => {
    expect(
      itemOf((await checkReport('--environment', 'Reset')).report, 'restorable-window', 'Reset-Events')?.status,
    ).toBe('pass');
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await setPitr('Reset-Events', false);
    await setPitr('Reset-Events', true);
    const { report } = await checkReport('--environment', 'Reset');
    const item = itemOf(report, 'restorable-window', 'Reset-Events');
    expect(item?.status).toBe('fail');
    expect(item?.evidence).toMatch(
      /the earliest restorable time is [\d.]+ (s|min) after .*: PITR was off or was reset until/,
    );
    // Never drilled either: the drill item fails too.
    expect(itemOf(report, 'drill', 'Reset-Events')).toMatchObject({
      status: 'fail',
      evidence: 'no successful drill on record in docs/ops/recovery-tests',
    });
  });

  it('reports a table of the environment that the configuration does not list as uncovered', async () => {
    await createTableNamed(ddb, 'Prod-Sessions');
    const { report } = await checkReport('--environment', 'Prod');
    expect(itemOf(report, 'uncovered-tables')).toMatchObject({
      status: 'fail',
      evidence: 'uncovered: 1 table(s) named Prod-* are not in the configuration: Prod-Sessions (PITR off)',
    });
  });
});

describe('bad input: a clear error, exit 2, nothing changed', () => {
  it.each(['0', '36'])('pitr enable --retention-days %s', async (days) => {
    const before = await pitrOf('Reset-Events');
    const refused = await cli('pitr', 'enable', '--table', 'Reset-Events', '--retention-days', days);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`error: --retention-days "${days}" is not a whole number from 1 to 35.`);
    expect(await pitrOf('Reset-Events')).toEqual(before);
  });

  it('pitr enable with a table that does not exist enables none of the tables named', async () => {
    const refused = await cli('pitr', 'enable', '--table', 'Prod-Sessions', '--table', 'Prod-Missing');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error: --table "Prod-Missing" names a table that does not exist');
    expect((await pitrOf('Prod-Sessions'))?.PointInTimeRecoveryStatus).toBe('DISABLED');
  });

  it.each(['check --environment Staging', 'pitr enable --environment Staging'])(
    '%s: an environment the configuration does not list',
    async (line) => {
      const refused = await cli(...line.split(' '));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        'error: --environment "Staging" is not in the configuration. Use one of: Prod, Reset',
      );
    },
  );
});
