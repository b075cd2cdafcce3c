export * from './assertName.js';
export * from './nameRules.js';
export * from './localPaths.js';
export * from './assertGiven.js';
export * from './parseWholeNumber.js';
export * from './parseSegmentCount.js';
export * from './schemaCheck.js';
export * from './parseDecimal.js';
