export { deployClients } from './deployClients.js';
export { deployStack } from './deployStack.js';
export type { DeployClients, DeployOptions, DeployResult, StackChange, StackDeployment } from './deployStack.js';
