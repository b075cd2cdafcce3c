export type { DiffPlan, DiffSide } from './diffPlan.js';
export type { DiffCounts } from './diffTables.js';
export { planDiff, type DiffRequest } from './planDiff.js';
export { runDiff, type DiffResult, type RunDiffOptions } from './runDiff.js';
