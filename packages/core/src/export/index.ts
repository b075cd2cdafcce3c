export type { ExportPlan, ExportSource } from './exportPlan.js';
export { planExport, type ExportRequest } from './planExport.js';
export { runExport, type RunExportOptions } from './runExport.js';
export { exportWorkflow, type ExportContext } from './exportWorkflow.js';
export type { ExportRun, ExportTableRun } from './exportRun.js';
