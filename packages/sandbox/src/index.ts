export { startSandbox, type Sandbox, type SandboxOptions } from './startSandbox.js';
export { SandboxOptionError } from './sandboxOptionError.js';
export {
  FaultConfigError,
  tableFaultProblems,
  type FaultProblem,
  type TableFaults,
  type TableFaultStats,
} from './faults/tableFaults.js';
