import { formatUsd } from '../cost/formatUsd.js';
import { CHECK_TITLES } from '../health/checkItem.js';
import { duration, iso } from '../health/timeFormats.js';
import type { DrReport, TableDrReport } from './drReport.js';

/** A table of text cells with its header: what both renderers (HTML, Markdown) lay out their own way. */
export interface ReportGrid {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const DAY_SECONDS = 86_400;

/** How much of the window the retention promises by now is restorable, in percent (0 while PITR is off). */
export function windowShare(table: TableDrReport): number {
  const w = table.window;
  if (!w.pitrEnabled || w.expectedWindowSeconds <= 0) return w.pitrEnabled ? 100 : 0;
  return Math.min(100, (w.windowSeconds / w.expectedWindowSeconds) * 100);
}

/** One line: does the restorable window reach as far back as the retention says it should? */
export function windowVerdict(table: TableDrReport): string {
  const w = table.window;
  if (!w.tableExists) return 'The table does not exist: nothing can be restored.';
  if (!w.pitrEnabled) return 'PITR is off: nothing can be restored to a point in time.';
  const retention = `the ${w.requiredRetentionDays}-day retention`;
  if (w.retentionDays !== undefined && w.retentionDays < w.requiredRetentionDays) {
    return `${duration(w.windowSeconds)} restorable, but RecoveryPeriodInDays is ${w.retentionDays}: the window will never reach ${retention} (dynamo-dr pitr enable restores it).`;
  }
  if (w.deficitSeconds > w.toleranceSeconds) {
    return `${duration(w.windowSeconds)} restorable: ${duration(w.deficitSeconds)} short of what ${retention} promises; nothing before ${iso(new Date(w.earliest!))} can be restored.`;
  }
  const young = w.expectedWindowSeconds < w.requiredRetentionDays * DAY_SECONDS;
  return `${duration(w.windowSeconds)} restorable: all that ${retention} covers${young ? `, back to the table's creation (${iso(new Date(w.expectedEarliest))})` : ''}.`;
}

/** The restorable window's figures, one per row. */
export function windowGrid(table: TableDrReport): ReportGrid {
  const w = table.window;
  const rows: [string, string][] = [];
  if (w.earliest && w.latest) {
    rows.push(
      ['Earliest restorable time', iso(new Date(w.earliest))],
      ['Latest restorable time', iso(new Date(w.latest))],
    );
  }
  rows.push(
    ['Window', duration(w.windowSeconds)],
    ['Retention (RecoveryPeriodInDays)', w.retentionDays === undefined ? '—' : `${w.retentionDays} days`],
    ['Required retention (backups.retentionDays)', `${w.requiredRetentionDays} days`],
    ['Earliest restorable time expected at', iso(new Date(w.expectedEarliest))],
    ['Missing from the window', `${duration(w.deficitSeconds)} (tolerated: ${duration(w.toleranceSeconds)})`],
  );
  if (w.latestRestorableLagSeconds !== undefined) {
    rows.push(['Latest restorable time behind the report', duration(w.latestRestorableLagSeconds)]);
  }
  return { header: ['', ''], rows };
}

/** The table's items of the backup check. */
export function checkGrid(table: TableDrReport): ReportGrid {
  return {
    header: ['Item', 'Status', 'Evidence'],
    rows: table.checks.map((item) => [CHECK_TITLES[item.id], item.status.toUpperCase(), item.evidence]),
  };
}

/** The environments' own items of the backup check (uncovered tables, recovery mode). */
export function environmentCheckGrid(report: DrReport): ReportGrid {
  return {
    header: ['Environment', 'Item', 'Status', 'Evidence'],
    rows: report.check.items
      .filter((item) => item.tableName === undefined)
      .map((item) => [item.environment, CHECK_TITLES[item.id], item.status.toUpperCase(), item.evidence]),
  };
}

/** The table's drills, oldest first: RTO against the target each was run with, RPO, outcome. */
export function drillGrid(table: TableDrReport): ReportGrid {
  return {
    header: ['Started (UTC)', 'Scenario', 'Outcome', 'RTO', 'RTO target', 'RPO (restorable lag)', 'Failures', 'Report'],
    rows: table.drills.map((d) => [
      iso(new Date(d.startedAt)),
      d.targetRegion ? `${d.scenario} → ${d.targetRegion}` : d.scenario,
      d.outcome.toUpperCase(),
      `${duration(d.rto.totalSeconds)} (${Object.entries(d.rto.phases)
        .map(([phase, s]) => `${phase} ${duration(s)}`)
        .join(', ')})`,
      `${d.rto.targetMinutes} min ${d.rto.met ? 'met' : 'MISSED'}`,
      `${duration(d.rpo.latestRestorableLagSeconds)} of ${d.rpo.targetMinutes} min ${d.rpo.met ? 'met' : 'MISSED'} (granularity ${duration(d.rpo.granularitySeconds)})`,
      d.failures.join('; ') || '—',
      d.location,
    ]),
  };
}

/** What the table's backups cost: per month and per operation. */
export function tableCostGrid(table: TableDrReport): ReportGrid | undefined {
  const c = table.cost;
  if (!c) return undefined;
  return {
    header: ['', 'USD'],
    rows: [
      ['PITR per month', formatUsd(c.monthly.pitrUsd)],
      ['Backup storage per month', formatUsd(c.monthly.backupStorageUsd)],
      ['One restore', formatUsd(c.once.restoreUsd)],
      ['One drill', formatUsd(c.once.drillUsd)],
      ['A full export', formatUsd(c.once.fullExportUsd)],
    ],
  };
}

/** The cost estimate in one line per fact, or why there is none. */
export function costLines(report: DrReport): string[] {
  const costs = report.costs;
  if ('unavailable' in costs) return [`No cost estimate: ${costs.unavailable}`];
  const last = costs.projection[costs.projection.length - 1];
  return [
    `Per month: ${formatUsd(costs.monthly.totalUsd)} (PITR ${formatUsd(costs.monthly.pitrUsd)}, backup storage ${formatUsd(costs.monthly.backupStorageUsd)}).`,
    `Next 12 months: ${formatUsd(costs.projectedTwelveMonthsUsd)}${last ? ` (${formatUsd(last.totalUsd)} a month by ${last.month})` : ''}.`,
    `Prices of ${costs.region} from the price table of ${costs.priceTable.retrieved} (${costs.priceTable.source})${costs.unconfirmedPrices.length > 0 ? `; not confirmed: ${costs.unconfirmedPrices.join(', ')}` : ''}.`,
  ];
}

/** The report's verdict in one line. */
export function checkVerdict(report: DrReport): string {
  const { pass, warn, fail } = report.check.counts;
  return `Backup check: ${pass} passed, ${warn} warning(s), ${fail} failed — backups are ${report.check.ok ? '' : 'NOT '}operational.`;
}
