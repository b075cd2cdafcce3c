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
export * from './journal/index.js';
export * from './workflow/index.js';
export * from './recoveryMode/index.js';
export * from './itemFile/index.js';
export * from './restoreItems/index.js';
export * from './diff/index.js';
export * from './export/index.js';
export * from './restoreAs/index.js';
export * from './health/index.js';
export * from './pitr/index.js';
export * from './cost/index.js';
export * from './monitor/index.js';
export * from './drillReports/index.js';
export * from './deploy/index.js';
export * from './stepFunctions/index.js';
export * from './report/index.js';
