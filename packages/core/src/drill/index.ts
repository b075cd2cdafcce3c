export * from './drillPlan.js';
export * from './planDrill.js';
export * from './runDrill.js';
export * from './recoveryPermissions.js';
export * from './checkAccess.js';
export { drillReportMarkdown } from './drillReportMarkdown.js';
export { writeDrillReport, type WrittenDrillReport } from './writeDrillReport.js';
export { CANARY_BODY, CANARY_WRITTEN_AT } from './canaries.js';
