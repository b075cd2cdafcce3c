export * from './backupPolicy.js';
export { describeBackupState, type PitrState, type TableBackupState } from './backupStateCalls.js';
export { backupMeasures, type BackupMeasures } from './backupMeasures.js';
export { CHECK_TITLES, checkRunbookAnchor, type CheckItem, type CheckItemId, type CheckStatus } from './checkItem.js';
export { healthClients, type HealthClients } from './healthClients.js';
export { runBackupCheck, type BackupCheckOptions, type BackupCheckReport } from './runBackupCheck.js';
export type { TestedAlarm } from './testBackupAlarms.js';
export { checkReportMarkdown } from './checkReportMarkdown.js';
