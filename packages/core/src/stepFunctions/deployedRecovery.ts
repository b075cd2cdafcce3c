import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { stackResources } from '../deploy/cloudFormationCalls.js';
import { DrError, InputError } from '../errors.js';
import { restoreStateMachineName } from '../workflow/stateMachineNames.js';

/** A deployed recovery stack, as the restore executor needs it. */
export interface DeployedRecovery {
  readonly stackName: string;
  /** The run-journal table the stack's workers write runs and locks to. */
  readonly journalTableName: string;
  /** The ARNs of its restore state machines, by logical table name. */
  readonly restoreMachines: Readonly<Record<string, string>>;
}

const RESTORE_MACHINE = /^DRRestoreDynamoDbTable([A-Za-z0-9]+)StateMachine$/;

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
  for (const r of resources) {
    if (r.ResourceType !== 'AWS::StepFunctions::StateMachine' || !r.PhysicalResourceId) continue;
    const logicalName = RESTORE_MACHINE.exec(r.PhysicalResourceId.split(':').pop() ?? '')?.[1];
    if (logicalName) restoreMachines[logicalName] = r.PhysicalResourceId;
  }
  const journal = resources.find((r) => r.ResourceType === 'AWS::DynamoDB::Table' && r.PhysicalResourceId);
  if (!journal) {
    throw new DrError(`Stack ${stackName} holds no run-journal table: it is not a dynamo-dr recovery stack.`, {
      hint: 'Name the stack dynamo-dr deploy made (deployment.stackName in the configuration).',
    });
  }
  return { stackName, journalTableName: journal.PhysicalResourceId!, restoreMachines };
}

/** The table's restore machine in the stack; refused when the stack has none for it. */
export function restoreMachineOf(deployed: DeployedRecovery, logicalName: string, tableName: string): string {
  const arn = deployed.restoreMachines[logicalName];
  if (arn) return arn;
  throw new InputError(
    'tableName',
    tableName,
    `has no restore state machine (${restoreStateMachineName(logicalName)}) in stack ${deployed.stackName}`,
    'Add the table to the environment in the configuration and run dynamo-dr deploy, or use --executor in-process.',
  );
}
