export * from './configSchema.js';
export * from './loadConfig.js';
export * from './backupPolicyConfig.js';
