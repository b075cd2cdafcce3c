export * from './runContext.js';
export * from './runRecord.js';
export * from '../runs/tableRun.js';
