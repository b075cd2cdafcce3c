/** One price, with how far it was confirmed. */
export interface Price {
  readonly usd: number;
  /** Whether the price was found quoted from AWS's pricing page or Price List API; otherwise an assumption. */
  readonly confirmed: boolean;
  /** Where it was found, or what it is assumed from. */
  readonly basis: string;
}

/** The DynamoDB prices `dynamo-dr cost` uses in one region (Standard table class). */
export interface RegionPrices {
  /** Continuous backups: per GB-month of table data and local secondary indexes, whatever the retention. */
  readonly pitrPerGbMonth: Price;
  /** On-demand backup storage, per GB-month. */
  readonly backupPerGbMonth: Price;
  /** A restore (point in time or backup), per GB restored: table data, LSIs and GSIs. */
  readonly restorePerGb: Price;
  /** A full export to S3, per GB of table data and LSIs at the export time. */
  readonly fullExportPerGb: Price;
  /** An incremental export, per GB of data processed from the continuous backup (what changed in the period). */
  readonly incrementalExportPerGb: Price;
  /** On-demand reads, per million read request units (a drill's verification scans). */
  readonly readRequestUnitsPerMillion: Price;
}

const PRICING_PAGE = 'aws.amazon.com/dynamodb/pricing/on-demand/';
/** How the us-east-1 figures were confirmed: the same value in public calculators that load AWS's price list. */
const QUOTED = `${PRICING_PAGE}, as quoted by public cost calculators loading AWS's us-east-1 price list; usage type`;

const US_EAST_1: RegionPrices = {
  pitrPerGbMonth: { usd: 0.2, confirmed: true, basis: `${QUOTED} TimedPITRStorage-ByteHrs` },
  backupPerGbMonth: { usd: 0.1, confirmed: true, basis: `${QUOTED} TimedBackupStorage-ByteHrs` },
  restorePerGb: { usd: 0.15, confirmed: true, basis: `${QUOTED} RestoreDataSize-Bytes` },
  fullExportPerGb: { usd: 0.1, confirmed: true, basis: `${QUOTED} ExportDataSize-Bytes` },
  incrementalExportPerGb: {
    usd: 0.1,
    confirmed: false,
    basis: 'not confirmed (IncrementalExportDataSize-Bytes): assumed equal to the full export price',
  },
  readRequestUnitsPerMillion: { usd: 0.125, confirmed: true, basis: `${QUOTED} ReadRequestUnits` },
};

/** A region whose prices could not be confirmed: us-east-1's, marked as assumed, except those confirmed. */
function assumedLikeUsEast1(confirmed: Partial<RegionPrices>): RegionPrices {
  const assumed = Object.fromEntries(
    Object.entries(US_EAST_1).map(([name, price]) => [
      name,
      { usd: price.usd, confirmed: false, basis: "not confirmed: assumed equal to us-east-1's" },
    ]),
  ) as unknown as RegionPrices;
  return { ...assumed, ...confirmed };
}

/**
 * DynamoDB's prices per region, kept in the repository (no network at run time): gathered on 2026-12-01 from
 * AWS's pricing page as quoted by the Price List API and by public calculators that load it; what each usage
 * type measures from AWS's billing guide
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-understanding-billing.html). Prices that
 * could not be confirmed say so (`confirmed: false`) and `dynamo-dr cost` lists them. Update this table when
 * AWS's prices change; add a region by copying its figures from AWS's pricing page.
 */
export const PRICE_TABLE = {
  retrieved: '2026-12-01',
  source: PRICING_PAGE,
  /**
   * AWS does not say whether a DynamoDB GB is 10^9 or 2^30 bytes. 10^9 gives the larger estimate (by 7%), and
   * is what AWS's own DynamoDB cost calculator uses (github.com/aws/agent-toolkit-for-aws, calculate_costs.py).
   */
  bytesPerGb: 1e9,
  regions: {
    'us-east-1': US_EAST_1,
    'us-west-2': assumedLikeUsEast1({
      pitrPerGbMonth: {
        usd: 0.2,
        confirmed: true,
        basis: 'Price List API, USW2-TimedPITRStorage-ByteHrs (SKU UKQHCFER4QFSMKMD), 0.20 USD per GB-Mo',
      },
    }),
    'us-east-2': assumedLikeUsEast1({}),
  } satisfies Readonly<Record<string, RegionPrices>>,
} as const;
