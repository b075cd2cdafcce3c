export { startSandbox, type Sandbox, type SandboxOptions } from './startSandbox.js';
export {
  FaultConfigError,
  tableFaultProblems,
  type FaultProblem,
  type TableFaults,
  type TableFaultStats,
} from './faults/tableFaults.js';
export {
  OPERATION_CLASSES,
  latencyProblems,
  type LatencyFaults,
  type LatencyProblem,
  type OperationClass,
  type RequestDelay,
} from './faults/latencyFaults.js';
