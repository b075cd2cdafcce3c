export { startSandbox, type Sandbox, type SandboxOptions } from './startSandbox.js';
export {
  FaultConfigError,
  tableFaultProblems,
  type FaultProblem,
  type TableFaults,
  type TableFaultStats,
} from './faults/tableFaults.js';
export { LOCAL_CODE_BUCKET, type CodeObjects } from './lambda/code/codeObjects.js';
