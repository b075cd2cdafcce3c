export { startSandbox, type Sandbox, type SandboxOptions } from './startSandbox.js';
export { SandboxOptionError } from './sandboxOptionError.js';
export type { SnsMessage } from './sns/snsStore.js';
export {
  FaultConfigError,
  tableFaultProblems,
  type FaultProblem,
  type TableFaults,
  type TableFaultStats,
} from './faults/tableFaults.js';
export type { RestoreCorruption, RestoreCorruptionOutcome } from './faults/restoreCorruption.js';
export { LOCAL_CODE_BUCKET, type CodeObjects } from './lambda/code/codeObjects.js';
export {
  OPERATION_CLASSES,
  latencyProblems,
  type LatencyFaults,
  type LatencyProblem,
  type OperationClass,
  type RequestDelay,
} from './faults/latencyFaults.js';
