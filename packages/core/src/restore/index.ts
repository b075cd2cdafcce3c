export * from './restoreInput.js';
export * from './restoreNames.js';
export * from './restoreTime.js';
export * from './restorePlan.js';
export * from './restoreContext.js';
export * from './planTableRestore.js';
export * from './planRestore.js';
export * from './runRestore.js';
export {
  deleteTableIfExists,
  describeTableIfExists,
  readRestorableWindow,
  restoreToPointInTime,
  type RestorableWindow,
} from './dynamoDbCalls.js';
export { awaitRestoredTable, startPointInTimeRestore } from './pointInTimeRestore.js';
export { cleanUpRestore } from './cleanUpRestore.js';
export { assertIncidentMatches, beginTableRun, endTableRun } from './tableRun.js';
