export type { ExportPlan, ExportSource } from './exportPlan.js';
export { planExport, type ExportRequest } from './planExport.js';
export { runExport, type RunExportOptions } from './runExport.js';
export { exportWorkflow, type ExportContext } from './exportWorkflow.js';
export type { ExportRun, ExportTableRun } from './exportRun.js';
export type { S3ExportPlan, S3ExportRun, S3ExportTableRun } from './s3ExportPlan.js';
export { planS3Export, type S3ExportRequest } from './planS3Export.js';
export { runS3Export, type RunS3ExportOptions, type S3ExportResult } from './runS3Export.js';
export {
  verifyS3Export,
  type ExportFileCheck,
  type S3ExportVerification,
  type VerifyS3ExportOptions,
} from './verifyS3Export.js';
export type { ExportDescription } from '../s3Export/s3ExportCalls.js';
export type { ExportLocation } from '../s3Export/exportLocation.js';
