import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DrConfig } from '../config/configSchema.js';
import { InputError } from '../errors.js';
import { backupPolicies } from '../backupPolicy/backupPolicy.js';
import { readTableSizes } from './costCalls.js';
import { PRICE_TABLE, type RegionPrices } from './priceTable.js';
import { checkRunbookClaim, type RunbookClaimCheck } from './runbookClaim.js';
import { tableCost, type TableCost } from './tableCost.js';

const PROJECTION_MONTHS = 12;

/** What `dynamo-dr cost` estimates. */
export interface CostOptions {
  readonly config: DrConfig;
  /** One environment of the configuration; all of them when omitted. */
  readonly environment?: string;
  /** The region the tables are in (the DynamoDB client's): its prices apply. */
  readonly region: string;
  /** Monthly growth of the tables' size, in percent (compound). @default 0 */
  readonly growthRatePercent?: number;
  /** The monthly budget for backups (PITR and backup storage), in USD. */
  readonly budgetUsd?: number;
  readonly now?: Date;
}

/** The result of `dynamo-dr cost`: a stable JSON contract (`--json`). USD, unrounded. */
export interface CostReport {
  readonly format: 'dynamo-dr.cost-report';
  readonly version: 1;
  readonly region: string;
  readonly prices: RegionPrices;
  readonly priceTable: { readonly retrieved: string; readonly source: string; readonly bytesPerGb: number };
  /** The prices used that could not be confirmed, by name. */
  readonly unconfirmedPrices: readonly string[];
  readonly tables: readonly TableCost[];
  /** The recurring cost per month: PITR and on-demand backup storage. */
  readonly monthly: { readonly pitrUsd: number; readonly backupStorageUsd: number; readonly totalUsd: number };
  readonly growthRatePercent: number;
  /** The next twelve months at that growth (sizes, and so costs, grow alike). */
  readonly projection: readonly { readonly month: string; readonly totalUsd: number }[];
  readonly projectedTwelveMonthsUsd: number;
  readonly budget?: { readonly monthlyUsd: number; readonly overNow: boolean; readonly firstMonthOver?: string };
  readonly runbookClaim: RunbookClaimCheck;
}

/**
 * The prices of a region from the repository's price table, or an InputError naming the regions it has.
 *
 * @example
 * regionPrices('us-east-1').pitrPerGbMonth.usd; // 0.2
 */
export function regionPrices(region: string): RegionPrices {
  const prices = (PRICE_TABLE.regions as Readonly<Record<string, RegionPrices>>)[region];
  if (!prices) {
    throw new InputError(
      '--region',
      region,
      'has no prices in the price table',
      `Use one of ${Object.keys(PRICE_TABLE.regions).join(', ')}, or add the region's prices (from ${PRICE_TABLE.source}) to packages/core/src/cost/priceTable.ts.`,
    );
  }
  return prices;
}

/**
 * Estimates what the configured tables' backups cost: per table, PITR and backup storage per month, one restore,
 * one drill and an export; in total, with a twelve-month projection at the growth rate against the budget, and
 * the runbook's own claim checked. Reads only (DescribeTable, ListBackups).
 *
 * @example
 * const report = await runCostEstimate(dynamodb, { config, region: 'us-east-1', budgetUsd: 20, growthRatePercent: 5 });
 * if (report.budget?.overNow) process.exitCode = 1;
 */
export async function runCostEstimate(dynamodb: DynamoDBClient, options: CostOptions): Promise<CostReport> {
  const prices = regionPrices(options.region);
  const policies = backupPolicies(options.config, options.environment);
  const growth = options.growthRatePercent ?? 0;
  const tables: TableCost[] = [];
  for (const policy of policies) {
    const sizes = await Promise.all(policy.tables.map((t) => readTableSizes(dynamodb, t.tableName)));
    tables.push(...sizes.map((s) => tableCost(policy.environment, s, prices, PRICE_TABLE.bytesPerGb)));
  }
  const pitrUsd = tables.reduce((a, t) => a + t.monthly.pitrUsd, 0);
  const backupStorageUsd = tables.reduce((a, t) => a + t.monthly.backupStorageUsd, 0);
  const totalUsd = pitrUsd + backupStorageUsd;
  const now = options.now ?? new Date();
  const projection = Array.from({ length: PROJECTION_MONTHS }, (_, i) => ({
    month: monthAfter(now, i + 1),
    totalUsd: totalUsd * (1 + growth / 100) ** (i + 1),
  }));
  const limit = options.budgetUsd;
  const budget =
    limit === undefined
      ? undefined
      : {
          monthlyUsd: limit,
          overNow: totalUsd > limit,
          firstMonthOver: projection.find((p) => p.totalUsd > limit)?.month,
        };
  return {
    format: 'dynamo-dr.cost-report',
    version: 1,
    region: options.region,
    prices,
    priceTable: { retrieved: PRICE_TABLE.retrieved, source: PRICE_TABLE.source, bytesPerGb: PRICE_TABLE.bytesPerGb },
    unconfirmedPrices: Object.entries(prices)
      .filter(([, price]) => !price.confirmed)
      .map(([name]) => name),
    tables,
    monthly: { pitrUsd, backupStorageUsd, totalUsd },
    growthRatePercent: growth,
    projection,
    projectedTwelveMonthsUsd: projection.reduce((a, p) => a + p.totalUsd, 0),
    ...(budget ? { budget } : {}),
    runbookClaim: checkRunbookClaim(tables, prices, PRICE_TABLE.bytesPerGb),
  };
}

/** `YYYY-MM` of the month `months` after `date`'s (UTC). */
function monthAfter(date: Date, months: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  return d.toISOString().slice(0, 7);
}
