import { CHECK_TITLES, checkRunbookAnchor, type CheckStatus } from './checkItem.js';
import { markdownCell as cell } from './markdownCell.js';
import type { BackupCheckReport } from './runBackupCheck.js';

const MARK: Readonly<Record<CheckStatus, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

/**
 * The report as Markdown, for `dynamo-dr check --out report.md`: the verdict, then one table per environment
 * (item, table, status, evidence), then what to do for each item that is not a pass.
 *
 * @example
 * await writeFile('report.md', checkReportMarkdown(report));
 */
export function checkReportMarkdown(report: BackupCheckReport): string {
  const lines = [
    `# Backup check, ${report.checkedAt}`,
    '',
    `**${report.ok ? 'Backups are operational' : 'Backups are NOT operational'}**: ${report.counts.pass} passed, ${report.counts.warn} warning(s), ${report.counts.fail} failed.`,
  ];
  if (report.alarmsTested.length > 0) {
    lines.push('', `Alarms tested (set to ALARM and back): ${report.alarmsTested.map((a) => a.alarmName).join(', ')}.`);
  }
  for (const environment of report.environments) {
    const items = report.items.filter((item) => item.environment === environment);
    lines.push('', `## ${environment}`, '', '| Item | Table | Status | Evidence |', '| --- | --- | --- | --- |');
    for (const item of items) {
      lines.push(
        `| ${CHECK_TITLES[item.id]} | ${item.tableName ?? '—'} | ${MARK[item.status]} | ${cell(item.evidence)} |`,
      );
    }
    const todo = items.filter((item) => item.status !== 'pass');
    if (todo.length > 0) {
      lines.push('', '### What to do', '');
      for (const item of todo) {
        lines.push(
          `- **${CHECK_TITLES[item.id]}${item.tableName ? `, ${item.tableName}` : ''}**: ${item.fix ?? ''} (${checkRunbookAnchor(item.id)})`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
