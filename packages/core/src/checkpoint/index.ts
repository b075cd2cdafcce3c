export * from './checkpointStore.js';
export * from './fileCheckpointStore.js';
export * from './memoryCheckpointStore.js';
