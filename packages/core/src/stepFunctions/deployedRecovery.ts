import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { stackResources } from '../deploy/cloudFormationCalls.js';
import { DrError, InputError } from '../errors.js';
import { restoreStateMachineName, revertStateMachineName } from '../workflow/stateMachineNames.js';

/** A deployed recovery stack, as the restore executor needs it. */
export interface DeployedRecovery {
  readonly stackName: string;
  /** The run-journal table the stack's workers write runs and locks to. */
  readonly journalTableName: string;
  /** The ARNs of its restore state machines, by logical table name. */
  readonly restoreMachines: Readonly<Record<string, string>>;
  /** The ARNs of its revert state machines (tables deployed with a revert), by logical table name. */
  readonly revertMachines: Readonly<Record<string, string>>;
}

/** What a recovery on Step Functions starts: a table's restore machine, or its revert machine. */
export type RecoveryMachineKind = 'restore' | 'revert';

const MACHINE = /^DR(Restore|Revert)DynamoDbTable([A-Za-z0-9]+)StateMachine$/;

/**
 * The stack's restore state machines and journal table, read from its resources (DescribeStackResources): what
 * is deployed, whatever account and region, and a table whose machine is not in the stack is refused before
 * anything starts.
 *
 * @example
 * const deployed = await deployedRecovery(cloudformation, 'ProdDisasterRecovery');
 */
export async function deployedRecovery(cfn: CloudFormationClient, stackName: string): Promise<DeployedRecovery> {
  let resources;
  try {
    resources = await stackResources(cfn, stackName);
  } catch (error) {
    if ((error as Error).name !== 'ValidationError') throw error;
    throw new InputError(
      'stackName',
      stackName,
      'is not a deployed stack',
      'Deploy it first (dynamo-dr deploy), or fix deployment.stackName in the configuration.',
      error,
    );
  }
  const restoreMachines: Record<string, string> = {};
  const revertMachines: Record<string, string> = {};
  for (const r of resources) {
    if (r.ResourceType !== 'AWS::StepFunctions::StateMachine' || !r.PhysicalResourceId) continue;
    const [, kind, logicalName] = MACHINE.exec(r.PhysicalResourceId.split(':').pop() ?? '') ?? [];
    if (logicalName) (kind === 'Revert' ? revertMachines : restoreMachines)[logicalName] = r.PhysicalResourceId;
  }
  const journal = resources.find((r) => r.ResourceType === 'AWS::DynamoDB::Table' && r.PhysicalResourceId);
  if (!journal) {
    throw new DrError(`Stack ${stackName} holds no run-journal table: it is not a dynamo-dr recovery stack.`, {
      hint: 'Name the stack dynamo-dr deploy made (deployment.stackName in the configuration).',
    });
  }
  return { stackName, journalTableName: journal.PhysicalResourceId!, restoreMachines, revertMachines };
}

/** The table's restore (or revert) machine in the stack; refused when the stack has none for it. */
export function restoreMachineOf(
  deployed: DeployedRecovery,
  logicalName: string,
  tableName: string,
  kind: RecoveryMachineKind = 'restore',
): string {
  const arn = (kind === 'revert' ? deployed.revertMachines : deployed.restoreMachines)[logicalName];
  if (arn) return arn;
  const name = (kind === 'revert' ? revertStateMachineName : restoreStateMachineName)(logicalName);
  throw new InputError(
    'tableName',
    tableName,
    `has no ${kind} state machine (${name}) in stack ${deployed.stackName}`,
    kind === 'revert'
      ? 'Set defaults.exportBucket in the configuration and run dynamo-dr deploy (it deploys a revert per table), or use --executor in-process.'
      : 'Add the table to the environment in the configuration and run dynamo-dr deploy, or use --executor in-process.',
  );
}
