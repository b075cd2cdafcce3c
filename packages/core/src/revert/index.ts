export * from './revertPlan.js';
export * from './planRevert.js';
export * from './runRevert.js';
export * from './revertChanges.js';
export * from './exportPeriods.js';
