import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { restoreToPointInTime } from '../../src/aws/dynamoDbCalls.js';
import type { RestoreAsRun } from '../../src/restoreAs/restoreAsRun.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FileRunJournal,
  InputError,
  MemoryRunJournal,
  planRestoreAs,
  recordRollback,
  rollbackSwitch,
  SECRET_NOT_RECORDED,
  runRestoreAs,
  type RestoreAsRequest,
} from '../../src/index.js';
import { reapplySettings } from '../../src/restoreAs/reapplySettings.js';
import { createSampleTable, sampleItem, tableContents, timeBetweenWrites } from '../restore/restoreFixtures.js';

let sandbox: Sandbox;
let ddb: DynamoDBClient;
let ssm: SSMClient;
let tableNumber = 0;
const journal = new MemoryRunJournal();
const context = () => ({ dynamodb: ddb, ssm, journal, startedBy: 'ana@ops' });

beforeAll(async () => {
  sandbox = await startSandbox();
  const config = sandbox.clientConfig;
  ddb = new DynamoDBClient(config);
  ssm = new SSMClient(config);
});
afterAll(() => sandbox.stop());

/** A source table with TTL, tags, PITR kept 7 days and deletion protection; its contents at T; T. */
async function configuredSource(): Promise<{ table: string; atT: string[]; t: string }> {
  const table = `fp-events-${++tableNumber}`;
  await createSampleTable(ddb, table, 20);
  const arn = (await ddb.send(new DescribeTableCommand({ TableName: table }))).Table!.TableArn!;
  await ddb.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    }),
  );
  await ddb.send(
    new TagResourceCommand({
      ResourceArn: arn,
      Tags: [
        { Key: 'team', Value: 'guardian' },
        { Key: 'env', Value: 'prod' },
      ],
    }),
  );
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
    }),
  );
  await ddb.send(new UpdateTableCommand({ TableName: table, DeletionProtectionEnabled: true }));
  const t = await timeBetweenWrites();
  const atT = await tableContents(ddb, table);
  await ddb.send(new PutItemCommand({ TableName: table, Item: sampleItem(500) }));
  return { table, atT, t };
}

async function restoreAs(request: RestoreAsRequest) {
  return runRestoreAs(context(), await planRestoreAs(ddb, ssm, request), { pollIntervalMs: 20 });
}

const tableNames = async () => (await ddb.send(new ListTablesCommand({}))).TableNames ?? [];
const parameter = async (name: string) =>
  (await ssm.send(new GetParameterCommand({ Name: name })).catch(() => undefined))?.Parameter?.Value;

describe('restore-as', () => {
  it('restores to the new table and re-applies TTL, tags, PITR with its retention and deletion protection', async () => {
    const { table, atT, t } = await configuredSource();
    const target = `${table}-restored`;
    const result = await restoreAs({ tableName: table, time: t, targetTableName: target });

    expect(await tableContents(ddb, target)).toEqual(atT);
    const status = Object.fromEntries(result.settings.map((s) => [s.setting, s.status]));
    expect(status).toEqual({
      ttl: 'copied',
      stream: 'not-set-on-source',
      tags: 'copied',
      pitr: 'copied',
      deletionProtection: 'copied',
      autoscaling: 'not-set-on-source',
    });
    // Described independently of the code under test:
    const described = (await ddb.send(new DescribeTableCommand({ TableName: target }))).Table!;
    expect(described.DeletionProtectionEnabled).toBe(true);
    const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: target }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    const tags = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: described.TableArn! }));
    expect(tags.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'guardian' },
        { Key: 'env', Value: 'prod' },
      ]),
    );
    const pitr = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: target }));
    expect(pitr.ContinuousBackupsDescription?.PointInTimeRecoveryDescription).toMatchObject({
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: 7,
    });
  });

  it('a setting the new table refuses is reported failed with the reason, not copied', async () => {
    // The sandbox (dynalite) has no streams, so no source can have one: apply a stream setting directly.
    const table = `plain-${++tableNumber}`;
    await createSampleTable(ddb, table, 1);
    const described = (await ddb.send(new DescribeTableCommand({ TableName: table }))).Table!;
    const deadline = new Date(Date.now() + 60_000).toISOString();
    const settings = { tags: [], deletionProtection: false, billingMode: 'PROVISIONED' as const };
    const reports = await reapplySettings(
      ddb,
      described,
      { ...settings, streamViewType: 'NEW_AND_OLD_IMAGES' },
      deadline,
    );

    expect(reports.find((r) => r.setting === 'stream')).toMatchObject({
      status: 'failed',
      value: 'NEW_AND_OLD_IMAGES',
      reason: expect.stringMatching(/^ValidationException: /),
    });
    expect(reports.find((r) => r.setting === 'autoscaling')).toMatchObject({ status: 'not-checked' });
    expect((await ddb.send(new DescribeTableCommand({ TableName: table }))).Table!.StreamSpecification).toBeUndefined();
  });

  it('switches the SSM parameter to the new table, keeps the old value beside it, and rolls back; the run journal records both', async () => {
    const { table, t } = await configuredSource();
    const name = `/app/prod${tableNumber}/table_name`;
    await ssm.send(new PutParameterCommand({ Name: name, Value: table, Type: 'String' }));
    const target = `${table}-v2`;

    const result = await restoreAs({ tableName: table, time: t, targetTableName: target, switchParameter: name });

    expect(await parameter(name)).toBe(target);
    expect(result.switched).toMatchObject({ name, value: table, switchedTo: target, previousName: `${name}/previous` });
    expect(JSON.parse((await parameter(`${name}/previous`))!)).toMatchObject({ value: table, switchedTo: target });
    // The application reading its path (not recursively) sees only its own parameter.
    const listed = await ssm.send(new GetParametersByPathCommand({ Path: `/app/prod${tableNumber}` }));
    expect(listed.Parameters?.map((p) => p.Name)).toEqual([name]);

    const run = (await journal.getRun(result.plan.incidentId)) as RestoreAsRun | undefined;
    expect(result.plan.incidentId).toMatch(/^restore-as-/);
    expect(run).toMatchObject({ kind: 'restore-as', result: 'succeeded', attempts: [{ startedBy: 'ana@ops' }] });
    expect(run!.tables[table]).toMatchObject({
      plan: { targetTableName: target, switchParameter: { name, currentValue: table } },
      settings: result.settings,
      switched: { name, value: table, switchedTo: target },
    });
    expect(Object.keys(run!.tables[table]!.phases)).toEqual(['restore', 'settings', 'switch']);

    // From "another machine": nothing but SSM is needed.
    const rollback = await rollbackSwitch(ssm, name);
    expect(rollback).toMatchObject({ name, restoredValue: table, replacedValue: target });
    expect(await parameter(name)).toBe(table);
    expect(await parameter(`${name}/previous`)).toBeUndefined();
    // The rollback is recorded on the run that switched, found from the saved value.
    expect(await recordRollback(journal, rollback, 'bob@ops', 'e-2')).toBe(result.plan.incidentId);
    expect(((await journal.getRun(result.plan.incidentId)) as RestoreAsRun | undefined)?.rollback).toMatchObject({
      name,
      restoredValue: table,
      by: 'bob@ops',
    });
  });

  it('a saved value naming a run id that is not one is rolled back into a run of its own: the name never becomes a path', async () => {
    const name = '/app/tampered/table_name';
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'new-table', Type: 'String' }));
    const saved = {
      value: 'old-table',
      switchedTo: 'new-table',
      switchedAt: '2026-01-01T00:00:00.000Z',
      sourceTable: 'old-table',
      restoreTime: '2026-01-01T00:00:00.000Z',
    };
    await ssm.send(
      new PutParameterCommand({
        Name: `${name}/previous`,
        Value: JSON.stringify({ ...saved, incidentId: '../../package' }),
        Type: 'String',
      }),
    );
    const rollback = await rollbackSwitch(ssm, name);
    expect(rollback.incidentId).toBeUndefined();
    const stateDir = await mkdtemp(path.join(tmpdir(), 'drrollback-'));
    const key = await recordRollback(new FileRunJournal(stateDir), rollback, 'bob@ops', 'e-3');
    expect(key).toMatch(/^restore-as-\d{8}T\d{6}Z-[a-z0-9]+$/);
    expect(await readdir(path.join(stateDir, 'runs'))).toEqual([`${key}.json`]);
    expect(await parameter(name)).toBe('old-table');
  });

  it("never writes a SecureString parameter's value outside SSM, and still rolls it back", async () => {
    const { table, t } = await configuredSource();
    const name = `/app/secure${tableNumber}/table_name`;
    const secret = `previous-table-${tableNumber}`;
    await ssm.send(new PutParameterCommand({ Name: name, Value: secret, Type: 'SecureString' }));
    const target = `${table}-v2`;

    const result = await restoreAs({ tableName: table, time: t, targetTableName: target, switchParameter: name });

    expect(await parameter(name)).toBe(target);
    const run = (await journal.getRun(result.plan.incidentId)) as RestoreAsRun | undefined;
    const recorded = JSON.stringify({ run, result });
    expect(recorded).not.toContain(secret);
    expect(result.switched).toMatchObject({ value: SECRET_NOT_RECORDED, switchedTo: target });

    await rollbackSwitch(ssm, name);
    expect(await parameter(name)).toBe(secret);
  });

  it('continues on the restore an interrupted run left (same source and time), re-applying only what is missing', async () => {
    const { table, atT, t } = await configuredSource();
    const target = `${table}-resumed`;
    // What a run killed after the restore and the TTL step leaves:
    await restoreToPointInTime(ddb, { source: table, target, time: new Date(t) });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the sandbox's restore is CREATING for 100 ms
    await ddb.send(
      new UpdateTimeToLiveCommand({
        TableName: target,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );

    const result = await restoreAs({ tableName: table, time: t, targetTableName: target });

    expect(result.plan.resume).toBe(true);
    expect(result.settings.filter((s) => s.status !== 'not-set-on-source').map((s) => [s.setting, s.status])).toEqual([
      ['ttl', 'copied'],
      ['tags', 'copied'],
      ['pitr', 'copied'],
      ['deletionProtection', 'copied'],
    ]);
    expect(await tableContents(ddb, target)).toEqual(atT);
  });

  it('does not switch the parameter when a setting could not be copied', async () => {
    const { table, t } = await configuredSource();
    const name = `/app/unswitched${tableNumber}/table_name`;
    await ssm.send(new PutParameterCommand({ Name: name, Value: table, Type: 'String' }));
    const plan = await planRestoreAs(ddb, ssm, {
      tableName: table,
      time: t,
      targetTableName: `${table}-b`,
      switchParameter: name,
    });
    // A source with a stream, which the sandbox's new table refuses (no sandbox table can have one).
    const withStream = { ...plan, settings: { ...plan.settings, streamViewType: 'NEW_IMAGE' as const } };

    const error = await runRestoreAs(context(), withStream, { pollIntervalMs: 20 }).catch((e: unknown) => e);

    expect((error as Error).message).toMatch(/is restored, but stream could not be copied: .* was not switched/);
    expect(((await journal.getRun(plan.incidentId)) as RestoreAsRun | undefined)?.tables[table]).toMatchObject({
      result: 'failed',
      settings: expect.arrayContaining([expect.objectContaining({ setting: 'stream', status: 'failed' })]),
    });
    expect(await parameter(name)).toBe(table);
    expect(await parameter(`${name}/previous`)).toBeUndefined();
  });
});

describe('restore-as refuses bad input and changes nothing', () => {
  async function expectRefused(action: () => Promise<unknown>, message: RegExp): Promise<void> {
    const before = await tableNames();
    const error = await action().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect(await tableNames()).toEqual(before);
  }

  it('a time outside the restorable window, naming the window', async () => {
    const { table } = await configuredSource();
    await expectRefused(
      () => restoreAs({ tableName: table, time: '2021-06-01T00:00:00Z', targetTableName: `${table}-old` }),
      /time "2021-06-01T00:00:00Z" is outside the restorable window of fp-events-\d+, \S+ to \S+/,
    );
  });

  it('an existing target table', async () => {
    const { table, t } = await configuredSource();
    const other = `other-${tableNumber}`;
    await createSampleTable(ddb, other, 2);
    const before = await tableContents(ddb, other);
    await expectRefused(
      () => restoreAs({ tableName: table, time: t, targetTableName: other }),
      /targetTableName "other-\d+" already exists/,
    );
    expect(await tableContents(ddb, other)).toEqual(before);
  });

  it('an unknown table', async () => {
    await expectRefused(
      () => restoreAs({ tableName: 'nope-table', time: new Date().toISOString(), targetTableName: 'nope-2' }),
      /tableName "nope-table" does not exist/,
    );
  });

  it('a switch parameter that does not exist', async () => {
    const { table, t } = await configuredSource();
    await expectRefused(
      () => restoreAs({ tableName: table, time: t, targetTableName: `${table}-x`, switchParameter: '/app/none/table' }),
      /switchParameter "\/app\/none\/table" does not exist/,
    );
  });

  it('a rollback with no saved previous value leaves the parameter as it is', async () => {
    const name = '/app/never-switched/table_name';
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'live-table', Type: 'String' }));
    await expectRefused(() => rollbackSwitch(ssm, name), /has no saved previous value .*does not exist/);
    expect(await parameter(name)).toBe('live-table');
  });
});
