import { DynamoDbRunJournal } from '../journal/dynamoDbRunJournal.js';
import type { RecoveryLock } from '../journal/runJournal.js';
import { runRecordOf, type RunRecord } from '../runRecord.js';
import { deployedRecovery } from './deployedRecovery.js';
import type { StepFunctionsClients } from './prepareStepFunctionsRestore.js';
import { listExecutions } from './stepFunctionsCalls.js';

/** One execution of a deployed restore (or revert) machine. */
export interface RestoreExecutionSummary {
  /** The table's logical name (the machine is `DRRestoreDynamoDbTable{logicalName}StateMachine`). */
  readonly logicalName: string;
  readonly name: string;
  readonly executionArn: string;
  readonly status: string;
  readonly startDate?: string;
  readonly stopDate?: string;
}

/** What a deployed stack has recorded: the runs and locks of its journal, and its restore machines' executions. */
export interface DeployedRuns {
  readonly stackName: string;
  readonly journalTableName: string;
  readonly runs: readonly RunRecord[];
  readonly locks: readonly RecoveryLock[];
  /** Newest first, every restore and revert machine's (ListExecutions): also those that ended before recording a run. */
  readonly executions: readonly RestoreExecutionSummary[];
}

/**
 * The runs of a deployed recovery stack: its journal (what the workers recorded, each attempt named by its
 * execution ARN) and its restore and revert machines' executions (ListExecutions).
 *
 * @example
 * const { runs, executions } = await listDeployedRuns(stepFunctionsClients(), 'ProdDisasterRecovery');
 */
export async function listDeployedRuns(clients: StepFunctionsClients, stackName: string): Promise<DeployedRuns> {
  const deployed = await deployedRecovery(clients.cloudformation, stackName);
  const journal = new DynamoDbRunJournal(clients.dynamodb, deployed.journalTableName);
  const executions: RestoreExecutionSummary[] = [];
  const machines = [...Object.entries(deployed.restoreMachines), ...Object.entries(deployed.revertMachines)];
  for (const [logicalName, stateMachineArn] of machines) {
    for (const e of await listExecutions(clients.sfn, stateMachineArn)) {
      executions.push({
        logicalName,
        name: e.name ?? '',
        executionArn: e.executionArn ?? '',
        status: e.status ?? '',
        startDate: e.startDate?.toISOString(),
        stopDate: e.stopDate?.toISOString(),
      });
    }
  }
  executions.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''));
  return {
    stackName,
    journalTableName: deployed.journalTableName,
    runs: (await journal.listRuns()).map(runRecordOf),
    locks: await journal.listLocks(),
    executions,
  };
}
