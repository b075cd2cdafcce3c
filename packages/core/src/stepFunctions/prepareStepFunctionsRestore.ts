import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DrError } from '../errors.js';
import { DynamoDbRunJournal } from '../journal/dynamoDbRunJournal.js';
import type { RunJournal } from '../journal/runJournal.js';
import { planRestore, type RestoreRequest } from '../restore/planRestore.js';
import type { RestorePlan } from '../restore/restorePlan.js';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import { planRevert, type RevertRequest } from '../revert/planRevert.js';
import {
  deployedRecovery,
  restoreMachineOf,
  type DeployedRecovery,
  type RecoveryMachineKind,
} from './deployedRecovery.js';
import { executionArnOf, restoreExecutionName } from './restoreExecutionName.js';
import { describeExecutionIfExists } from './stepFunctionsCalls.js';

/** The clients a recovery on Step Functions uses: DynamoDB to validate, CloudFormation to find, SFN to run. */
export interface StepFunctionsClients {
  readonly dynamodb: DynamoDBClient;
  readonly sfn: SFNClient;
  readonly cloudformation: CloudFormationClient;
}

/** A table's restore execution for the incident: one to start, or the one already there. */
export interface TableExecution {
  readonly tableName: string;
  readonly stateMachineArn: string;
  readonly executionArn: string;
  /** `start`: no execution of the incident runs, this name is free; `attach`: it is RUNNING; `succeeded`: it ended so. */
  readonly found: 'start' | 'attach' | 'succeeded';
}

/** A validated recovery on Step Functions: the plan, the stack, its journal, and each table's execution. */
export interface StepFunctionsRestore {
  /** Which machine of each table runs it. */
  readonly kind: RecoveryMachineKind;
  readonly plan: RestorePlan;
  /** What the execution input carries beyond the recovery workflow's input contract (a revert's `untilTime`, `onConflict`). */
  readonly extraInput: Readonly<Record<string, string>>;
  readonly deployed: DeployedRecovery;
  /** The stack's run journal (the workers record the run there). */
  readonly journal: RunJournal;
  readonly executions: readonly TableExecution[];
}

/** Attempts of one incident on one table before dynamo-dr stops looking for a free name. */
const MAX_ATTEMPTS = 99;

/**
 * Validates a recovery to run on the deployed stack, changing nothing: finds the stack's restore machines and
 * journal, each table's execution of the incident (a RUNNING one is attached to, not started again), then
 * plans the request exactly as the in-process executor does, against the stack's journal (the lock a running
 * execution of this incident holds does not count as another recovery).
 *
 * @example
 * const prepared = await prepareStepFunctionsRestore(clients, 'ProdDisasterRecovery', request);
 * const run = await runRestoreOnStepFunctions(clients, prepared);
 */
export function prepareStepFunctionsRestore(
  clients: StepFunctionsClients,
  stackName: string,
  request: RestoreRequest,
): Promise<StepFunctionsRestore> {
  return prepareOnStack(clients, stackName, request, 'restore', {}, (journal) =>
    planRestore(clients.dynamodb, journal, request),
  );
}

/**
 * Validates a revert to run on the deployed stack's revert machines, changing nothing, as
 * {@link prepareStepFunctionsRestore} does a restore: the plan is `planRevert`'s (the bucket checked with
 * `aws`). The bucket and prefix are the machines' own: the request's must be the deployed ones.
 *
 * @example
 * const prepared = await prepareStepFunctionsRevert(clients, 'ProdDisasterRecovery', { ...request, exportBucket }, aws);
 * const run = await runRestoreOnStepFunctions(clients, prepared);
 */
export function prepareStepFunctionsRevert(
  clients: StepFunctionsClients,
  stackName: string,
  request: RevertRequest,
  aws: AwsClientOptions,
): Promise<StepFunctionsRestore> {
  const extraInput = {
    ...(request.untilTime !== undefined && { untilTime: request.untilTime }),
    ...(request.onConflict !== undefined && { onConflict: request.onConflict }),
    ...(request.verify !== undefined && { verify: request.verify }),
  };
  return prepareOnStack(clients, stackName, request, 'revert', extraInput, (journal) =>
    planRevert(clients.dynamodb, aws, journal, request),
  );
}

async function prepareOnStack(
  clients: StepFunctionsClients,
  stackName: string,
  request: RestoreRequest,
  kind: RecoveryMachineKind,
  extraInput: Readonly<Record<string, string>>,
  planOn: (journal: RunJournal) => Promise<RestorePlan>,
): Promise<StepFunctionsRestore> {
  const deployed = await deployedRecovery(clients.cloudformation, stackName);
  const executions: TableExecution[] = [];
  for (const table of request.tables) {
    const stateMachineArn = restoreMachineOf(deployed, table.logicalName, table.tableName, kind);
    executions.push({
      tableName: table.tableName,
      stateMachineArn,
      ...(await incidentExecution(clients.sfn, stateMachineArn, request.incidentId, table.logicalName)),
    });
  }
  const journal = new DynamoDbRunJournal(clients.dynamodb, deployed.journalTableName);
  const attached = new Set(executions.filter((e) => e.found === 'attach').map((e) => e.executionArn));
  const plan = await planOn(ignoringLocksOf(journal, attached));
  return { kind, plan, extraInput, deployed, journal, executions };
}

/**
 * The incident's execution of the machine: the first attempt's name that is free, or the attempt still
 * running (or that succeeded). Failed, timed-out and aborted attempts are passed over: the next one resumes.
 */
async function incidentExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  incidentId: string,
  logicalName: string,
): Promise<Pick<TableExecution, 'executionArn' | 'found'>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const executionArn = executionArnOf(stateMachineArn, restoreExecutionName(incidentId, logicalName, attempt));
    const execution = await describeExecutionIfExists(sfn, executionArn);
    if (!execution) return { executionArn, found: 'start' };
    if (execution.status === 'RUNNING') return { executionArn, found: 'attach' };
    if (execution.status === 'SUCCEEDED') return { executionArn, found: 'succeeded' };
  }
  throw new DrError(`Incident ${incidentId} has ${MAX_ATTEMPTS} ended executions on ${stateMachineArn}.`, {
    hint: 'Look at why they failed (dynamo-dr runs show, the Step Functions console), then use a new incident id.',
  });
}

/** The journal as planning reads it, with the locks the given executions hold left out. */
function ignoringLocksOf(journal: RunJournal, executionIds: ReadonlySet<string>): RunJournal {
  return {
    getRun: (incidentId) => journal.getRun(incidentId),
    listRuns: () => journal.listRuns(),
    updateRun: (incidentId, change) => journal.updateRun(incidentId, change),
    tryLock: (lock) => journal.tryLock(lock),
    readLock: async (tableName) => {
      const holder = await journal.readLock(tableName);
      return holder && executionIds.has(holder.executionId) ? undefined : holder;
    },
    unlock: (tableName, incidentId) => journal.unlock(tableName, incidentId),
    listLocks: () => journal.listLocks(),
  };
}
