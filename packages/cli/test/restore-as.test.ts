import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleTable, tableContents, timeBetweenWrites } from '../../core/test/restore/restoreFixtures.js';
import { runCli } from './restoreHarness.js';

let sandbox: Sandbox;
let ddb: DynamoDBClient;
let ssm: SSMClient;
let t: string;
let cwd: string;
const TABLE = 'fp-events-prod';
const PARAMETER = '/guardian/production/fp_table_name';

beforeAll(async () => {
  sandbox = await startSandbox();
  const config = sandbox.clientConfig;
  ddb = new DynamoDBClient(config);
  ssm = new SSMClient(config);
  await createSampleTable(ddb, TABLE, 10);
  await ssm.send(new PutParameterCommand({ Name: PARAMETER, Value: TABLE, Type: 'String' }));
  t = await timeBetweenWrites();
  cwd = await mkdtemp(path.join(tmpdir(), 'drrestoreas-cli-'));
});
afterAll(() => sandbox.stop());

const parameter = async () => (await ssm.send(new GetParameterCommand({ Name: PARAMETER }))).Parameter!.Value;
const tables = async () => (await ddb.send(new ListTablesCommand({}))).TableNames ?? [];

describe('dynamo-dr restore-as', () => {
  it('restores to a new table, reports each setting, switches the parameter; --rollback puts it back once', async () => {
    const restored = await runCli(sandbox, cwd, [
      'restore-as',
      '--table',
      TABLE,
      '--to',
      t,
      '--target',
      `${TABLE}-restored`,
      '--switch-parameter',
      PARAMETER,
      '--incident',
      'inc-as-1',
      '--json',
    ]);
    expect(restored.code, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout);
    expect(result.settings.find((s: { setting: string }) => s.setting === 'pitr')).toMatchObject({
      status: 'copied',
      value: 35,
    });
    expect((await ddb.send(new DescribeTableCommand({ TableName: `${TABLE}-restored` }))).Table!.TableStatus).toBe(
      'ACTIVE',
    );
    expect(await parameter()).toBe(`${TABLE}-restored`);
    expect(result.plan.incidentId).toBe('restore-as-inc-as-1');

    const rolledBack = await runCli(sandbox, cwd, ['restore-as', '--rollback', '--switch-parameter', PARAMETER]);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect(rolledBack.stderr).toMatch(`${PARAMETER} is back to ${TABLE} (it pointed at ${TABLE}-restored).`);
    expect(await parameter()).toBe(TABLE);

    // The run, its settings report, the switch and its rollback are in the journal; `runs show` prints them.
    const shown = await runCli(sandbox, cwd, ['runs', 'show', 'restore-as-inc-as-1']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toContain(
      `Incident restore-as-inc-as-1: succeeded, restore-as: ${TABLE} as of ${new Date(t).toISOString()} into the new table ${TABLE}-restored`,
    );
    expect(shown.stderr).toMatch(/restore [\d.]+ s, settings [\d.]+ s, switch [\d.]+ s; RTO [\d.]+ s/);
    expect(shown.stderr).toContain('setting pitr: copied 35');
    expect(shown.stderr).toContain(`switched ${PARAMETER} to ${TABLE}-restored`);
    expect(shown.stderr).toContain(`rolled back: ${PARAMETER} back to ${TABLE} (was ${TABLE}-restored)`);
    expect(shown.stderr).not.toMatch(/forensic backup|rolled back in place/);

    const again = await runCli(sandbox, cwd, ['restore-as', '--rollback', '--switch-parameter', PARAMETER]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/has no saved previous value .*Nothing was changed/);
    expect(await parameter()).toBe(TABLE);
  });

  it('refuses an existing target with exit 2; nothing is created, changed or switched', async () => {
    await createSampleTable(ddb, 'fp-events-other', 3);
    const before = await tables();
    const contents = await tableContents(ddb, 'fp-events-other');
    const result = await runCli(sandbox, cwd, [
      'restore-as',
      '--table',
      TABLE,
      '--to',
      t,
      '--target',
      'fp-events-other',
      '--switch-parameter',
      PARAMETER,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--target "fp-events-other" already exists/);
    expect(await tables()).toEqual(before);
    expect(await tableContents(ddb, 'fp-events-other')).toEqual(contents);
    expect(await parameter()).toBe(TABLE);
  });

  it('--dry-run prints the plan and changes nothing', async () => {
    const before = await tables();
    const result = await runCli(sandbox, cwd, [
      'restore-as',
      '--table',
      TABLE,
      '--to',
      t,
      '--target',
      'fp-new',
      '--switch-parameter',
      PARAMETER,
      '--dry-run',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/then switch \/guardian\/production\/fp_table_name from fp-events-prod to fp-new/);
    expect(await tables()).toEqual(before);
    expect(await parameter()).toBe(TABLE);
  });
});
