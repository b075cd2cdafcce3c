export { deployedRecovery, type DeployedRecovery } from './deployedRecovery.js';
export { restoreExecutionName } from './restoreExecutionName.js';
export {
  prepareStepFunctionsRestore,
  prepareStepFunctionsRevert,
  type StepFunctionsClients,
  type StepFunctionsRestore,
  type TableExecution,
} from './prepareStepFunctionsRestore.js';
export { runRestoreOnStepFunctions, type StepFunctionsRunOptions } from './runRestoreOnStepFunctions.js';
export { stepFunctionsClients } from './stepFunctionsClients.js';
export { listDeployedRuns, type DeployedRuns, type RestoreExecutionSummary } from './listDeployedRuns.js';
