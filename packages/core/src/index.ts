export { DeadlineExceededError, DrError, InputError, NotReadyError, VerificationError } from './errors.js';
export * from './config/index.js';
