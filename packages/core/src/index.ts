export {
  DeadlineExceededError,
  DrError,
  AwsEnvironmentError,
  AwsValidationError,
  InputError,
  isAwsServiceError,
  NotReadyError,
  UnwritableItemsError,
  VerificationError,
} from './errors.js';
export * from './validation/index.js';
export * from './config/index.js';
export * from './aws/index.js';
export * from './checkpoint/index.js';
export * from './sync/index.js';
export * from './restore/index.js';
export * from './runs/index.js';
export * from './tableRestore/index.js';
export { runRecordOf, type RunRecord, type TableRun } from './runRecord.js';
export * from './journal/index.js';
export * from './workflow/index.js';
export * from './lambda/workflowLambdaHandler.js';
export * from './recoveryMode/index.js';
export * from './itemFile/index.js';
export * from './restoreItems/index.js';
export * from './diff/index.js';
export * from './export/index.js';
export * from './restoreAs/index.js';
