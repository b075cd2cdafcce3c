export * from './aslStates.js';
export * from './stateMachineNames.js';
export * from './workflowResources.js';
export * from './restoreStateMachine.js';
export * from './syncStateMachine.js';
export * from './workflowHandlers.js';
export * from './runRestoreWorkflow.js';
export * from './promiseWithResolvers.js';
