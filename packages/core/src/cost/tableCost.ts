import type { TableSizes } from './costCalls.js';
import type { RegionPrices } from './priceTable.js';

/**
 * The storage overhead DynamoDB bills per item, and per item of each index, beyond what DescribeTable reports:
 * "All items in DynamoDB require 100 bytes of storage overhead for indexing"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html); an LSI entry
 * carries it too (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.StorageConsiderations).
 * DescribeTable leaves it out ("storage usage values in the CUR will be higher ... because DescribeTable does not
 * include the per-item storage overhead",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-understanding-billing.html). PITR is billed
 * on "the size of each DynamoDB table, including table data and local secondary indexes"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html): AWS
 * does not say whether that size carries the overhead; dynamo-dr counts it, the larger of the two estimates.
 */
export const STORAGE_OVERHEAD_BYTES_PER_ITEM = 100;

/** Eventually consistent reads: half a read request unit per 4 KB a Scan reads. */
const SCAN_BYTES_PER_RRU = 8192;

/** What one table's backups cost: per month, and per operation. USD, unrounded. */
export interface TableCost {
  readonly environment: string;
  readonly tableName: string;
  readonly bytes: {
    /** Table and LSIs as DescribeTable reports them. */
    readonly reported: number;
    /** Table and LSIs with the per-item overhead: what PITR and a full export are billed on. */
    readonly billed: number;
    /** Billed size with the GSIs too: what a restore is billed on. */
    readonly restored: number;
    /** The on-demand backups' `BackupSizeBytes`, summed. */
    readonly backups: number;
  };
  readonly monthly: { readonly pitrUsd: number; readonly backupStorageUsd: number; readonly totalUsd: number };
  readonly once: {
    /** One PITR restore to a new table. */
    readonly restoreUsd: number;
    /** One drill: a restore, then scans of the source and the restored table to verify them. */
    readonly drillUsd: number;
    readonly fullExportUsd: number;
    /** An incremental export costs this per GB that changed in its period… */
    readonly incrementalExportUsdPerGb: number;
    /** …and at most this, when every item changed. */
    readonly incrementalExportMaxUsd: number;
  };
}

/**
 * Computes a table's costs from its sizes and the region's prices.
 *
 * @example
 * tableCost('Prod', await readTableSizes(dynamodb, 'Prod-Orders'), PRICE_TABLE.regions['us-east-1'], 1e9);
 */
export function tableCost(environment: string, sizes: TableSizes, prices: RegionPrices, bytesPerGb: number): TableCost {
  const billedIndex = (i: { sizeBytes: number; itemCount: number }) =>
    i.sizeBytes + STORAGE_OVERHEAD_BYTES_PER_ITEM * i.itemCount;
  const reported = sizes.tableSizeBytes + sum(sizes.localIndexes.map((i) => i.sizeBytes));
  const billed =
    sizes.tableSizeBytes + STORAGE_OVERHEAD_BYTES_PER_ITEM * sizes.itemCount + sum(sizes.localIndexes.map(billedIndex));
  const restored = billed + sum(sizes.globalIndexes.map(billedIndex));
  const backups = sum(sizes.backups.map((b) => b.sizeBytes));
  const gb = (bytes: number) => bytes / bytesPerGb;
  const pitrUsd = gb(billed) * prices.pitrPerGbMonth.usd;
  const backupStorageUsd = gb(backups) * prices.backupPerGbMonth.usd;
  const restoreUsd = gb(restored) * prices.restorePerGb.usd;
  const verificationReads = 2 * Math.ceil(sizes.tableSizeBytes / SCAN_BYTES_PER_RRU);
  return {
    environment,
    tableName: sizes.tableName,
    bytes: { reported, billed, restored, backups },
    monthly: { pitrUsd, backupStorageUsd, totalUsd: pitrUsd + backupStorageUsd },
    once: {
      restoreUsd,
      drillUsd: restoreUsd + (verificationReads / 1e6) * prices.readRequestUnitsPerMillion.usd,
      fullExportUsd: gb(billed) * prices.fullExportPerGb.usd,
      incrementalExportUsdPerGb: prices.incrementalExportPerGb.usd,
      incrementalExportMaxUsd: gb(billed) * prices.incrementalExportPerGb.usd,
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
