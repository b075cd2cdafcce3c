export * from './pitrEnable.js';
export { pitrTargets } from './pitrTargets.js';
