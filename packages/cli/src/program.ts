import { Command } from '@commander-js/extra-typings';
import { registerDemo } from './commands/demo/register.js';
import { registerRecoveryMode } from './commands/recovery-mode/register.js';
import { registerRestore } from './commands/restore/register.js';
import { registerRestoreItems } from './commands/restore-items/register.js';
import { registerRuns } from './commands/runs/register.js';
import { registerSandbox } from './commands/sandbox/register.js';
import { registerDiff } from './commands/diff/register.js';
import { registerExport } from './commands/export/register.js';
import { registerRestoreAs } from './commands/restore-as/register.js';
import { registerPitr } from './commands/pitr/register.js';
import { registerCheck } from './commands/check/register.js';
import { registerCost } from './commands/cost/register.js';
import { registerReport } from './commands/report/register.js';
import { registerSynth } from './commands/synth/register.js';
import { registerDrill } from './commands/drill/register.js';
import { registerDeploy } from './commands/deploy/register.js';
import { CLI_VERSION } from './cliVersion.js';

/**
 * Registers every command; each command's module is loaded only when it runs.
 */
export function buildProgram() {
  const program = new Command('dynamo-dr')
    .description('Disaster recovery for Amazon DynamoDB')
    .version(CLI_VERSION)
    .option('--debug', 'print the whole error (stack trace, AWS details) when a command fails')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .showHelpAfterError();
  for (const register of [
    registerSandbox,
    registerRestore,
    registerRuns,
    registerDemo,
    registerRecoveryMode,
    registerRestoreItems,
    registerDiff,
    registerExport,
    registerRestoreAs,
    registerPitr,
    registerCheck,
    registerCost,
    registerReport,
    registerSynth,
    registerDrill,
    registerDeploy,
  ]) {
    register(program);
  }

  return program;
}
