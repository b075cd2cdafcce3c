/**
 * What a restore copies from its source (key schema, attribute definitions,
 * indexes, billing): AWS's restores carry these, and not tags, TTL, streams,
 * PITR or deletion protection.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
 */
export interface TableDefinition {
  readonly AttributeDefinitions: readonly { AttributeName: string; AttributeType: string }[];
  readonly KeySchema: readonly { AttributeName: string; KeyType: string }[];
  readonly GlobalSecondaryIndexes?: readonly IndexDefinition[];
  readonly LocalSecondaryIndexes?: readonly IndexDefinition[];
  readonly BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readonly ProvisionedThroughput?: Throughput;
}

export interface Throughput {
  readonly ReadCapacityUnits: number;
  readonly WriteCapacityUnits: number;
}

export interface IndexDefinition {
  readonly IndexName: string;
  readonly KeySchema: readonly { AttributeName: string; KeyType: string }[];
  readonly Projection: Record<string, unknown>;
  readonly ProvisionedThroughput?: Throughput;
}

type Description = Record<string, unknown>;

/** Extracts the definition from a DescribeTable `Table`. */
export function tableDefinition(table: Description): TableDefinition {
  const billing = (table.BillingModeSummary as { BillingMode?: string } | undefined)?.BillingMode;
  const provisioned = billing !== 'PAY_PER_REQUEST';
  const throughput = (t: unknown): Throughput | undefined => {
    if (!provisioned || !t) return undefined;
    const { ReadCapacityUnits, WriteCapacityUnits } = t as Throughput;
    return { ReadCapacityUnits, WriteCapacityUnits };
  };
  const indexes = (list: unknown): IndexDefinition[] | undefined =>
    Array.isArray(list) && list.length
      ? (list as Description[]).map((i) => ({
          IndexName: i.IndexName as string,
          KeySchema: i.KeySchema as IndexDefinition['KeySchema'],
          Projection: i.Projection as Record<string, unknown>,
          ...(throughput(i.ProvisionedThroughput)
            ? { ProvisionedThroughput: throughput(i.ProvisionedThroughput) }
            : {}),
        }))
      : undefined;
  return {
    AttributeDefinitions: table.AttributeDefinitions as TableDefinition['AttributeDefinitions'],
    KeySchema: table.KeySchema as TableDefinition['KeySchema'],
    GlobalSecondaryIndexes: indexes(table.GlobalSecondaryIndexes),
    LocalSecondaryIndexes: indexes(table.LocalSecondaryIndexes),
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ProvisionedThroughput: throughput(table.ProvisionedThroughput),
  };
}

/** Overrides a restore request may carry (RestoreTableToPointInTime and RestoreTableFromBackup share them). */
export interface RestoreOverrides {
  readonly BillingModeOverride?: string;
  readonly ProvisionedThroughputOverride?: Throughput;
  readonly GlobalSecondaryIndexOverride?: readonly IndexDefinition[];
  readonly LocalSecondaryIndexOverride?: readonly IndexDefinition[];
}

/**
 * The CreateTable request for a restore target. Attribute definitions no key
 * or index uses any more (an index left out by an override) are dropped, as
 * CreateTable refuses unused ones.
 */
export function restoreCreateRequest(
  name: string,
  def: TableDefinition,
  overrides: RestoreOverrides,
): Record<string, unknown> {
  const billing = overrides.BillingModeOverride ?? def.BillingMode;
  const provisioned = billing === 'PROVISIONED';
  const gsis = overrides.GlobalSecondaryIndexOverride ?? def.GlobalSecondaryIndexes;
  const lsis = overrides.LocalSecondaryIndexOverride ?? def.LocalSecondaryIndexes;
  const fallback = def.ProvisionedThroughput ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };
  const used = new Set<string>();
  for (const k of [
    ...def.KeySchema,
    ...(gsis ?? []).flatMap((i) => i.KeySchema),
    ...(lsis ?? []).flatMap((i) => i.KeySchema),
  ])
    used.add(k.AttributeName);
  return {
    TableName: name,
    AttributeDefinitions: def.AttributeDefinitions.filter((a) => used.has(a.AttributeName)),
    KeySchema: def.KeySchema,
    BillingMode: billing,
    ...(provisioned ? { ProvisionedThroughput: overrides.ProvisionedThroughputOverride ?? fallback } : {}),
    ...(gsis?.length
      ? {
          GlobalSecondaryIndexes: gsis.map((i) => ({
            IndexName: i.IndexName,
            KeySchema: i.KeySchema,
            Projection: i.Projection,
            ...(provisioned ? { ProvisionedThroughput: i.ProvisionedThroughput ?? fallback } : {}),
          })),
        }
      : {}),
    ...(lsis?.length
      ? {
          LocalSecondaryIndexes: lsis.map((i) => ({
            IndexName: i.IndexName,
            KeySchema: i.KeySchema,
            Projection: i.Projection,
          })),
        }
      : {}),
  };
}
