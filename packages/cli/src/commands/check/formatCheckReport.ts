import { CHECK_TITLES, type BackupCheckReport } from '@dynamo-dr/core';

/** The report as text for the terminal: one line per item, its fix under each item that is not a pass. */
export function formatCheckReport(report: BackupCheckReport): string {
  const lines: string[] = [];
  if (report.alarmsTested.length > 0) {
    lines.push(`Tested ${report.alarmsTested.length} alarm(s): set to ALARM (notifications sent) and back.`);
  }
  for (const environment of report.environments) {
    lines.push(`Backup check of ${environment}, ${report.checkedAt}`);
    for (const item of report.items.filter((i) => i.environment === environment)) {
      const where = item.tableName ? `${item.tableName}: ` : '';
      lines.push(`  ${item.status.toUpperCase().padEnd(4)}  ${CHECK_TITLES[item.id]}: ${where}${item.evidence}`);
      if (item.fix) lines.push(`        fix: ${item.fix}`);
    }
  }
  const { pass, warn, fail } = report.counts;
  lines.push(`${pass} passed, ${warn} warning(s), ${fail} failed: backups are ${report.ok ? '' : 'NOT '}operational.`);
  return lines.join('\n');
}
