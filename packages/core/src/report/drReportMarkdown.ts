import { markdownCell } from '../health/markdownCell.js';
import type { DrReport } from './drReport.js';
import {
  checkGrid,
  checkVerdict,
  costLines,
  drillGrid,
  environmentCheckGrid,
  tableCostGrid,
  windowGrid,
  windowVerdict,
  type ReportGrid,
} from './drReportRows.js';

/**
 * The report as Markdown (`dynamo-dr report --format md`), for a pull request or `docs/ops/`: the same sections
 * as the HTML page, the RTO trend as the drill table (oldest first) instead of a chart.
 *
 * @example
 * await writeFile('dr-report.md', drReportMarkdown(report));
 */
export function drReportMarkdown(report: DrReport): string {
  const lines = [
    '# Disaster-recovery report',
    '',
    `Made ${report.generatedAt} in ${report.region} for ${report.environments.join(', ')}. Drill reports read from ${report.drillReportLocations.join(', ') || 'nowhere (no drills.reports)'}.`,
    '',
    `**${checkVerdict(report)}**`,
  ];
  for (const table of report.tables) {
    lines.push('', `## ${table.tableName} (${table.environment}, ${table.logicalName})`, '');
    lines.push('### Restorable window', '', windowVerdict(table), '', ...grid(windowGrid(table)));
    lines.push('', '### Backup check', '', ...grid(checkGrid(table)));
    lines.push('', '### Drills', '');
    if (table.drills.length === 0) lines.push('No drill on record.');
    else {
      lines.push(
        `RTO target ${table.targets.rtoMinutes} min, RPO target ${table.targets.rpoMinutes} min (the configuration's).`,
        '',
        ...grid(drillGrid(table)),
      );
    }
    const costs = tableCostGrid(table);
    lines.push('', '### Costs', '', ...(costs ? grid(costs) : ['No cost estimate (see Costs below).']));
  }
  lines.push('', '## Environments', '', ...grid(environmentCheckGrid(report)));
  lines.push('', '## Costs', '', ...costLines(report).flatMap((line) => [line, '']));
  if (report.unreadableDrillReports.length > 0) {
    lines.push('## Drill reports that could not be read', '');
    for (const u of report.unreadableDrillReports) lines.push(`- ${markdownCell(`${u.location}: ${u.problem}`)}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function grid(g: ReportGrid): string[] {
  const row = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [row(g.header), row(g.header.map(() => '---')), ...g.rows.map(row)];
}
