export { DrError, InputError, UnwritableItemsError, VerificationError } from './errors.js';
export * from './config/index.js';
export * from './aws/index.js';
export * from './checkpoint/index.js';
export * from './sync/index.js';
