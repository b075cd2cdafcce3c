import { randomUUID } from 'node:crypto';
import type { DynamoContext } from '../service.js';
import { describeTable, keyNamesOf } from '../tableDescription.js';
import { validateRequest } from '../../validateRequest.js';
import type { Tag, TableInstance } from '../store/tableInstance.js';

/** The CreateTable fields dynalite drops; the sandbox keeps them itself. */
const KEPT_FIELDS = {
  Tags: {
    type: 'List',
    children: {
      type: 'ValueStruct<Tag>',
      children: {
        Key: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 128 },
        Value: { type: 'String', notNull: true, lengthLessThanOrEqual: 256 },
      },
    },
  },
  DeletionProtectionEnabled: { type: 'Boolean' },
  StreamSpecification: {
    type: 'FieldStruct<StreamSpecification>',
    children: {
      StreamEnabled: { type: 'Boolean', notNull: true },
      StreamViewType: { type: 'String', enum: ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'] },
    },
  },
};

/**
 * CreateTable: dynalite creates the table; the sandbox starts its instance
 * (journal, tags, deletion protection, stream settings).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 */
export async function createTable(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const { Tags, DeletionProtectionEnabled, StreamSpecification, ...rest } = request;
  const kept = validateRequest({ Tags, DeletionProtectionEnabled, StreamSpecification }, KEPT_FIELDS);
  const { TableDescription: table } = await ctx.dynalite.call<{ TableDescription: Record<string, unknown> }>(
    'CreateTable',
    rest,
  );
  await untilDynaliteActive(ctx, table.TableName as string);
  const stream = kept.StreamSpecification as { StreamEnabled: boolean; StreamViewType?: string } | undefined;
  const instance: TableInstance = {
    id: randomUUID(),
    name: table.TableName as string,
    createdMs: Math.round((table.CreationDateTime as number) * 1000),
    key: keyNamesOf(table),
    deletionProtection: kept.DeletionProtectionEnabled === true,
    tags: (kept.Tags as Tag[] | undefined) ?? [],
    ...(stream?.StreamEnabled ? { stream: { ...stream, label: new Date().toISOString().slice(0, -1) } } : {}),
  };
  ctx.store.register(instance);
  return { TableDescription: describeTable(ctx.store, table, instance, ctx.region) };
}

/**
 * dynalite turns a table ACTIVE on a timer (0 ms here) after answering CreateTable, so a write sent right
 * after the answer can still meet a CREATING table under load. The sandbox answers only once the table is
 * ACTIVE: the answer still says CREATING, as AWS's does, and clients that wait for ACTIVE (as they must on AWS)
 * find it at once.
 */
async function untilDynaliteActive(ctx: DynamoContext, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const { Table } = await ctx.dynalite.call<{ Table?: { TableStatus?: string } }>('DescribeTable', {
      TableName: tableName,
    });
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
