import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import {
  createEventsTable,
  epochMs,
  readsEndpointFromEnvironment,
  sdkRestoreAt,
  writeAroundASecond,
} from './runbookFixture.js';
import { printedEnvironment, runClient } from '../awsCliRun.js';

// The real AWS CLI (v1 on developer machines, Debian's v2 in CI) running the backup and restore runbook against a
// sandbox, with nothing but the environment the sandbox prints: no --region flag, no profile.

let sandbox: Sandbox;
let ddb: DynamoDBClient;
/** `--endpoint-url`, for a CLI too old to read AWS_ENDPOINT_URL; nothing otherwise. */
let endpointArgs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = new DynamoDBClient(sandbox.clientConfig);
  const version = await runClient('aws', ['--version'], printedEnvironment(sandbox));
  const [, cli = ''] = /aws-cli\/(\S+)/.exec(version.stdout + version.stderr) ?? [];
  if (!readsEndpointFromEnvironment(cli, { 1: 29, 2: 13 })) endpointArgs = ['--endpoint-url', sandbox.endpoint];
});
afterAll(async () => {
  ddb.destroy();
  await sandbox.stop();
});

/** `aws dynamodb ARGS --output json`, parsed; fails the test, with the CLI's own words, if it does not exit 0. */
async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const result = await runClient(
    'aws',
    ['dynamodb', ...args, '--output', 'json', ...endpointArgs],
    printedEnvironment(sandbox),
  );
  expect(result.code, `aws dynamodb ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout.trim() ? (JSON.parse(result.stdout) as Record<string, unknown>) : {};
}

it('runs the backup and restore runbook with only the printed environment, restoring what the table held', async () => {
  const table = 'fp-events';
  await createEventsTable(ddb, table);

  const pitr = (described: Record<string, unknown>) =>
    (
      described.ContinuousBackupsDescription as {
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: string };
      }
    ).PointInTimeRecoveryDescription.PointInTimeRecoveryStatus;
  await aws(
    'update-continuous-backups',
    '--table-name',
    table,
    '--point-in-time-recovery-specification',
    'PointInTimeRecoveryEnabled=true',
  );
  expect(pitr(await aws('describe-continuous-backups', '--table-name', table))).toBe('ENABLED');

  const history = await writeAroundASecond(ddb, table);
  const { BackupDetails } = (await aws(
    'create-backup',
    '--table-name',
    table,
    '--backup-name',
    `${table}-forensic`,
  )) as {
    BackupDetails: { BackupArn: string };
  };
  expect(BackupDetails.BackupArn).toMatch(
    new RegExp(`:${SANDBOX_ACCOUNT}:table/fp-events/backup/\\d{14}-[0-9a-f]{8}$`),
  );

  const restored = `${table}-restored`;
  await aws(
    'restore-table-to-point-in-time',
    '--source-table-name',
    table,
    '--target-table-name',
    restored,
    '--restore-date-time',
    history.targetTime,
  );
  await aws('wait', 'table-exists', '--table-name', restored);
  const { Table } = (await aws('describe-table', '--table-name', restored)) as {
    Table: { TableStatus: string; TableId: string; RestoreSummary: { RestoreDateTime: unknown } };
  };
  expect(Table.TableStatus).toBe('ACTIVE');
  expect(Table.TableId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  // The CLI sent TARGET_TIME in whole seconds: S.999 became S.
  expect(epochMs(Table.RestoreSummary.RestoreDateTime)).toBe(history.wholeSecondMs);

  const { Items } = (await aws(
    'scan',
    '--table-name',
    restored,
    '--filter-expression',
    'begins_with(pk, :rule)',
    '--expression-attribute-values',
    '{":rule":{"S":"rule#MD-001"}}',
  )) as { Items: { pk: { S: string } }[] };
  // The deleted event is back; the one written at S.020 is not, because the restore was to S.
  expect(Items.map((item) => item.pk.S).sort()).toEqual(history.heldAtSecond);
  // The SDK v3 sends milliseconds: the same TARGET_TIME restores the S.020 event too.
  expect(await sdkRestoreAt(ddb, table, history.targetTime)).toEqual([...history.heldAtSecond, history.late].sort());

  const { BackupSummaries } = (await aws('list-backups', '--table-name', table)) as {
    BackupSummaries: { BackupArn: string; BackupName: string }[];
  };
  expect(BackupSummaries).toEqual([
    expect.objectContaining({ BackupArn: BackupDetails.BackupArn, BackupName: `${table}-forensic` }),
  ]);
}, 180_000); // each client run starts a Python process: seconds apiece on a busy machine
