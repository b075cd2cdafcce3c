export * from './metricNames.js';
export * from './monitorSettings.js';
export * from './backupAlarmSpecs.js';
export * from './recoveryWeakeningPattern.js';
export * from './monitorPermissions.js';
export { runMonitor, type MonitorClients, type MonitorRun } from './runMonitor.js';
export { backupMetricData } from './backupMetricData.js';
