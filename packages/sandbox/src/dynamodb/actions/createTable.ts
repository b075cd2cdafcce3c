import type { DynamoContext } from '../service.js';
import { describeTable, keyNamesOf } from '../tableDescription.js';
import { validateRequest } from '../validateRequest.js';
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
  const stream = kept.StreamSpecification as { StreamEnabled: boolean; StreamViewType?: string } | undefined;
  const instance: TableInstance = {
    id: table.TableId as string,
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
