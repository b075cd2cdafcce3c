/** How an item of the backup checklist came out. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/**
 * The items of the backup validation checklist, automated. Each is a runbook entry in docs/monitoring.md
 * (`#check-<id>`): what it means and what to do when it fails.
 *
 * @example
 * for (const item of report.items) console.log(CHECK_TITLES[item.id], item.status);
 */
export const CHECK_TITLES = {
  'pitr-enabled': 'PITR enabled',
  'uncovered-tables': 'Tables of the environment not configured',
  'restorable-window': 'Restorable window at least the retention',
  'restorable-lag': 'Latest restorable time recent',
  'deletion-protection': 'Deletion protection on',
  'recovery-workflow': 'Recovery workflow deployed',
  alarms: 'Alarms exist and were tested',
  drill: 'Successful drill recently',
  'recovery-mode': 'Recovery mode not left on',
} as const;

export type CheckItemId = keyof typeof CHECK_TITLES;

/** One item's outcome: for a table (`tableName`) or for the whole environment. */
export interface CheckItem {
  readonly id: CheckItemId;
  readonly environment: string;
  readonly tableName?: string;
  readonly status: CheckStatus;
  /** What was found, with the figures: "enabled, retention 35 days". */
  readonly evidence: string;
  /** What to do, when the item is not a pass. */
  readonly fix?: string;
}

/** The anchor of an item's runbook entry in docs/monitoring.md. */
export function checkRunbookAnchor(id: CheckItemId): string {
  return `docs/monitoring.md#check-${id}`;
}
