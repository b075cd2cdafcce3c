import { formatUsd as usd, type CostReport } from '@dynamo-dr/core';

/** The estimate as text for the terminal. */
export function formatCostReport(report: CostReport): string {
  const lines = [
    `Backup costs in ${report.region} (prices of ${report.priceTable.retrieved}, ${report.priceTable.source})`,
  ];
  if (report.unconfirmedPrices.length > 0) {
    lines.push(`  prices not confirmed for this region: ${report.unconfirmedPrices.join(', ')} (see the price table)`);
  }
  for (const t of report.tables) {
    lines.push(
      `  ${t.tableName} (${t.environment}): ${gb(t.bytes.billed, report)} GB billed (${gb(t.bytes.reported, report)} GB as DescribeTable reports), backups ${gb(t.bytes.backups, report)} GB`,
      `    per month: PITR ${usd(t.monthly.pitrUsd)}, backup storage ${usd(t.monthly.backupStorageUsd)}`,
      `    once: a restore ${usd(t.once.restoreUsd)}, a drill ${usd(t.once.drillUsd)}, a full export ${usd(t.once.fullExportUsd)}, an incremental export ${usd(t.once.incrementalExportUsdPerGb)} per GB changed (at most ${usd(t.once.incrementalExportMaxUsd)})`,
    );
  }
  const last = report.projection[report.projection.length - 1];
  lines.push(
    `Per month: ${usd(report.monthly.totalUsd)} (PITR ${usd(report.monthly.pitrUsd)}, backup storage ${usd(report.monthly.backupStorageUsd)})`,
    `Next 12 months at ${report.growthRatePercent}% a month: ${usd(report.projectedTwelveMonthsUsd)} in all${last ? `, ${usd(last.totalUsd)} a month by ${last.month}` : ''}`,
  );
  if (report.budget) {
    const b = report.budget;
    lines.push(
      `Budget ${usd(b.monthlyUsd)} a month: ${b.overNow ? 'OVER BUDGET now' : b.firstMonthOver ? `within now, over from ${b.firstMonthOver} at this growth` : 'within, for the next 12 months'}`,
    );
  }
  lines.push(`Runbook claim ("~$0.20 per GB-month, < $5 for < 25 GB"): ${report.runbookClaim.verdict}`);
  return lines.join('\n');
}

function gb(bytes: number, report: CostReport): string {
  return (bytes / report.priceTable.bytesPerGb).toPrecision(3);
}
