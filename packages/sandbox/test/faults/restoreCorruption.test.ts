import {
  CreateBackupCommand,
  DynamoDBClient,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { CORRUPTED_VALUE } from '../../src/faults/restoreCorruption.js';
import { contentOf, pointInTime, untilActive, untilBackupAvailable } from '../dynamodb/conformanceTarget.js';
import { createPitrTable } from '../dynamodb/tables.js';

// The corrupt-restore fault (docs/sandbox-faults.md): the next restore of a table drops or alters one item, so a
// drill can show that its verification catches a restore that came back wrong.

let sandbox: Sandbox;
let ddb: DynamoDBClient;
beforeAll(async () => {
  sandbox = await startSandbox({
    restoreBaseMs: 20,
    backupCreateMs: 20,
    faults: { ledger: { corruptRestore: { action: 'drop', key: { pk: { S: 'canary#2' }, sk: { N: '1' } } } } },
  });
  ddb = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(async () => {
  ddb.destroy();
  await sandbox.stop();
});

const canary = (n: number): Record<string, AttributeValue> => ({
  pk: { S: `canary#${n}` },
  sk: { N: '1' },
  g: { S: `group-${n % 2}` },
  v: { S: `value ${n}` },
});

/** A table with PITR holding canaries 1..3, and the moment T after them (a fourth canary comes after T). */
async function tableWithCanaries(name: string): Promise<Date> {
  await createPitrTable(ddb, name);
  for (const n of [1, 2, 3]) await ddb.send(new PutItemCommand({ TableName: name, Item: canary(n) }));
  const t = await pointInTime();
  await ddb.send(new PutItemCommand({ TableName: name, Item: canary(4) }));
  return t;
}

async function restoreAt(source: string, target: string, t: Date) {
  await ddb.send(
    new RestoreTableToPointInTimeCommand({ SourceTableName: source, TargetTableName: target, RestoreDateTime: t }),
  );
  await untilActive(ddb, target);
  return contentOf(ddb, target);
}

it('drops the chosen item from the next PITR restore only; the table is never touched on its data plane', async () => {
  const t = await tableWithCanaries('ledger');
  const atT = { 'canary#1/1': canary(1), 'canary#2/1': canary(2), 'canary#3/1': canary(3) };

  const corrupted = await restoreAt('ledger', 'ledger-dr', t);
  const { 'canary#2/1': _dropped, ...rest } = atT;
  expect(corrupted).toEqual(rest);
  expect(sandbox.faultStats('ledger')).toMatchObject({
    requests: 0, // a restore fault leaves item requests alone
    restoreCorruptions: [{ key: { pk: { S: 'canary#2' }, sk: { N: '1' } }, outcome: 'dropped' }],
  });
  // Spent: the next restore is whole.
  expect(await restoreAt('ledger', 'ledger-dr-2', t)).toEqual(atT);
});

it('alters the first item (by key) of the next backup restore, in an attribute no index is keyed on', async () => {
  await tableWithCanaries('orders');
  sandbox.setFaults('orders', { corruptRestore: { action: 'alter' } });
  const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: 'orders', BackupName: 'nightly' }));
  await untilBackupAvailable(ddb, BackupDetails?.BackupArn as string);
  await ddb.send(
    new RestoreTableFromBackupCommand({ BackupArn: BackupDetails?.BackupArn, TargetTableName: 'orders-dr' }),
  );
  await untilActive(ddb, 'orders-dr');

  expect(await contentOf(ddb, 'orders-dr')).toEqual({
    'canary#1/1': { ...canary(1), v: CORRUPTED_VALUE },
    'canary#2/1': canary(2),
    'canary#3/1': canary(3),
    'canary#4/1': canary(4),
  });
  expect(sandbox.faultStats('orders')?.restoreCorruptions).toEqual([
    { key: { pk: { S: 'canary#1' }, sk: { N: '1' } }, outcome: 'altered', attribute: 'v' },
  ]);
});

it('is set and refused through the admin endpoint like the other faults', async () => {
  const admin = (body: unknown) =>
    fetch(`${sandbox.endpoint}/_sandbox/faults/events`, { method: 'PUT', body: JSON.stringify(body) });
  const set = await admin({ corruptRestore: { action: 'drop', key: { pk: { S: 'x' } } } });
  expect(set.status).toBe(200);
  expect(((await set.json()) as { faults: unknown }).faults).toEqual({
    corruptRestore: { action: 'drop', key: { pk: { S: 'x' } } },
  });
  const bad = await admin({ corruptRestore: { action: 'shuffle' } });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { message: string }).message).toContain(
    'corruptRestore {"action":"shuffle"} is not {"action": "drop" or "alter"',
  );
  // Refused: what was set stays.
  expect(sandbox.faultStats('events')).toBeDefined();
  expect(
    (
      (await (await fetch(`${sandbox.endpoint}/_sandbox/faults`)).json()) as {
        tables: Record<string, { faults: unknown }>;
      }
    ).tables.events?.faults,
  ).toEqual({
    corruptRestore: { action: 'drop', key: { pk: { S: 'x' } } },
  });
});
