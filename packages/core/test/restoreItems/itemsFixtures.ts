import {
  CreateTableCommand,
  DeleteItemCommand,
  PutItemCommand,
  UpdateContinuousBackupsCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableContents, timeBetweenWrites } from '../restore/restoreFixtures.js';

type Item = Record<string, AttributeValue>;

/** An fp-events item of the backup runbook: partition per rule, one sort key per event. */
export function eventItem(rule: string, n: number, note = 'original'): Item {
  return {
    pk: { S: `rule#${rule}` },
    sk: { N: String(n) },
    note: { S: note },
    tags: { SS: ['a', `t${n}`] },
    score: { N: `${n}.50` },
  };
}

export const key = (rule: string, n: number): Item => ({ pk: { S: `rule#${rule}` }, sk: { N: String(n) } });

/** Rules MD-001 and MD-002, ten events each, PITR on. */
export async function createEventsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  await client.send(
    new UpdateContinuousBackupsCommand({
      TableName: tableName,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  for (const rule of ['MD-001', 'MD-002'])
    for (let n = 0; n < 10; n++)
      await client.send(new PutItemCommand({ TableName: tableName, Item: eventItem(rule, n) }));
}

/**
 * After T: MD-001 events 0–4 deleted by accident, event 5 changed by the
 * application, event 100 created; MD-002 (outside the selection) changed too:
 * event 0 deleted, event 1 changed, event 50 created.
 */
export async function eventsIncident(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let n = 0; n < 5; n++) await client.send(new DeleteItemCommand({ TableName: tableName, Key: key('MD-001', n) }));
  await client.send(new PutItemCommand({ TableName: tableName, Item: eventItem('MD-001', 5, 'changed after T') }));
  await client.send(new PutItemCommand({ TableName: tableName, Item: eventItem('MD-001', 100, 'created after T') }));
  await client.send(new DeleteItemCommand({ TableName: tableName, Key: key('MD-002', 0) }));
  await client.send(new PutItemCommand({ TableName: tableName, Item: eventItem('MD-002', 1, 'changed after T') }));
  await client.send(new PutItemCommand({ TableName: tableName, Item: eventItem('MD-002', 50, 'created after T') }));
}

/** A table after the incident, with its content at T and T. */
export async function eventsAfterIncident(
  client: DynamoDBClient,
  tableName: string,
): Promise<{ atT: string[]; t: string }> {
  await createEventsTable(client, tableName);
  const t = await timeBetweenWrites();
  const atT = await tableContents(client, tableName);
  await eventsIncident(client, tableName);
  return { atT, t };
}

/** The canonical items of a table, split by rule: the selected part and the rest. */
export async function byRule(client: DynamoDBClient, tableName: string, rule = 'MD-001') {
  const all = await tableContents(client, tableName);
  const selected = all.filter((i) => i.includes(`"rule#${rule}"`));
  return { selected, rest: all.filter((i) => !selected.includes(i)), all };
}

/** The canonical form of one item as tableContents spells it. */
export function canonicalOf(list: string[], rule: string, n: number): string | undefined {
  return list.find((i) => i.includes(`"rule#${rule}"`) && i.includes(`"sk":{"N":"${n}"}`));
}
