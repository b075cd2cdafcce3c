export * from '../backupPolicy/backupPolicy.js';
export { describeBackupState, type PitrState, type TableBackupState } from '../backupPolicy/backupStateCalls.js';
export { backupMeasures, type BackupMeasures } from '../backupPolicy/backupMeasures.js';
export { CHECK_TITLES, checkRunbookAnchor, type CheckItem, type CheckItemId, type CheckStatus } from './checkItem.js';
export { healthClients, type HealthClients } from './healthClients.js';
export { runBackupCheck, type BackupCheckOptions, type BackupCheckReport } from './runBackupCheck.js';
export type { TestedAlarm } from './testBackupAlarms.js';
export { checkReportMarkdown } from './checkReportMarkdown.js';
