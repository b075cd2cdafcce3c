export { DrError, InputError } from './errors.js';
export * from './config/index.js';
