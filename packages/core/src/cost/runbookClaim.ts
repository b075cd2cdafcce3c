import { formatUsd } from './formatUsd.js';
import type { RegionPrices } from './priceTable.js';
import type { TableCost } from './tableCost.js';

/** The backup runbook's cost claim: "PITR Costs: ~$0.20 per GB-month; expected monthly cost < $5 (assuming < 25 GB)". */
const CLAIMED_PRICE = 0.2;
const CLAIMED_GB = 25;
const CLAIMED_MONTHLY_USD = 5;

/** The runbook's claim checked against the region's price and these tables' sizes. */
export interface RunbookClaimCheck {
  readonly claimedPricePerGbMonth: number;
  readonly pricePerGbMonth: number;
  readonly priceMatches: boolean;
  /** Billed over reported size of these tables: how much bigger storage billing counts them than DescribeTable. */
  readonly overheadFactor: number;
  /** What 25 GB cost per month: billed, and as DescribeTable reports them (billed × the overhead factor). */
  readonly twentyFiveGbBilledUsd: number;
  readonly twentyFiveGbReportedUsd: number;
  /** These tables' PITR per month, and whether that is under the runbook's $5. */
  readonly tablesPitrMonthlyUsd: number;
  readonly holds: boolean;
  readonly verdict: string;
}

/**
 * Checks the runbook's claim. At $0.20 per GB-month, 25 GB cost exactly $5.00 of PITR, so "< $5 for < 25 GB"
 * holds only for the size as billed, and for PITR alone (on-demand backups and storage come on top); sizes read
 * from DescribeTable leave out the 100 bytes per item that billing adds, which for small items is a large share.
 *
 * @example
 * checkRunbookClaim(tables, PRICE_TABLE.regions['us-east-1'], 1e9).verdict;
 */
export function checkRunbookClaim(
  tables: readonly TableCost[],
  prices: RegionPrices,
  bytesPerGb: number,
): RunbookClaimCheck {
  const price = prices.pitrPerGbMonth.usd;
  const reported = tables.reduce((a, t) => a + t.bytes.reported, 0);
  const billed = tables.reduce((a, t) => a + t.bytes.billed, 0);
  const overheadFactor = reported > 0 ? billed / reported : 1;
  const pitr = tables.reduce((a, t) => a + t.monthly.pitrUsd, 0);
  const priceMatches = Math.abs(price - CLAIMED_PRICE) < 1e-9;
  const holds = priceMatches && pitr < CLAIMED_MONTHLY_USD;
  const twentyFiveGbBilledUsd = CLAIMED_GB * price;
  const twentyFiveGbReportedUsd = twentyFiveGbBilledUsd * overheadFactor;
  const gb = billed / bytesPerGb;
  const verdict = [
    priceMatches
      ? `The runbook's price holds: PITR is $${price.toFixed(2)} per GB-month here.`
      : `The runbook's price does not hold here: PITR is $${price.toFixed(4)} per GB-month, not $${CLAIMED_PRICE.toFixed(2)}.`,
    `25 GB cost ${formatUsd(twentyFiveGbBilledUsd)} a month, not less than $${CLAIMED_MONTHLY_USD}: the claim holds only below 25 GB as billed, for PITR alone (backups and table storage come on top).`,
    reported > 0
      ? `Billing counts 100 bytes more per item than DescribeTable reports: these tables bill ${overheadFactor.toFixed(2)}x their reported size, so 25 GB as reported cost ${formatUsd(twentyFiveGbReportedUsd)} a month.`
      : 'These tables are empty: billing adds nothing to their size.',
    `These tables: ${gb.toPrecision(3)} GB billed, ${formatUsd(pitr)} of PITR a month: ${holds ? 'within' : 'not within'} the runbook's $${CLAIMED_MONTHLY_USD}.`,
  ].join(' ');
  return {
    claimedPricePerGbMonth: CLAIMED_PRICE,
    pricePerGbMonth: price,
    priceMatches,
    overheadFactor,
    twentyFiveGbBilledUsd,
    twentyFiveGbReportedUsd,
    tablesPitrMonthlyUsd: pitr,
    holds,
    verdict,
  };
}
