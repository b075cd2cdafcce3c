export * from './batchGet.js';
export * from './batchWrite.js';
export * from './createDynamoDbClient.js';
export * from './describeTableShape.js';
export * from './isRetryableError.js';
export * from './scanPage.js';
export * from './tableRef.js';
