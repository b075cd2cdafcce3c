export { DrError, InputError } from './errors.js';
export * from './config/index.js';
export * from './recoveryMode/index.js';
