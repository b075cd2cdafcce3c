export { DeadlineExceededError, DrError, InputError, NotReadyError } from './errors.js';
export * from './config/index.js';
export * from './restore/index.js';
export * from './journal/index.js';
export * from './workflow/index.js';
