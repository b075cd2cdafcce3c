export * from './runJournal.js';
export * from './fileRunJournal.js';
export * from './recoveryLock.js';
export * from './dynamoDbRunJournal.js';
export * from './memoryRunJournal.js';
export * from './generatedIncidentId.js';
