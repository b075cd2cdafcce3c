import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Change,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
  type Stack,
  type StackEvent,
  type StackResource,
} from '@aws-sdk/client-cloudformation';

/*
 * The CloudFormation calls a deployment makes, and nothing else
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/).
 */

/** The stack, or `undefined` when none of that name exists (DescribeStacks answers ValidationError). */
export async function describeStackIfExists(cfn: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    return (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (error) {
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message))
      return undefined;
    throw error;
  }
}

/** A change set of the template at `templateUrl`; its id. */
export async function createChangeSet(
  cfn: CloudFormationClient,
  request: {
    readonly stackName: string;
    readonly changeSetName: string;
    readonly type: 'CREATE' | 'UPDATE';
    readonly templateUrl: string;
    readonly parameters: Readonly<Record<string, string>>;
  },
): Promise<string> {
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: request.changeSetName,
      ChangeSetType: request.type,
      TemplateURL: request.templateUrl,
      // The stack creates IAM roles (named ones among them).
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
      Description: 'dynamo-dr deploy',
    }),
  );
  return created.Id!;
}

/** The change set's status and all its changes (DescribeChangeSet pages its changes). */
export async function describeChangeSet(
  cfn: CloudFormationClient,
  changeSetId: string,
): Promise<
  Pick<DescribeChangeSetCommandOutput, 'Status' | 'StatusReason' | 'ExecutionStatus'> & { Changes: Change[] }
> {
  const changes: Change[] = [];
  let page: DescribeChangeSetCommandOutput;
  let nextToken: string | undefined;
  do {
    page = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, NextToken: nextToken }));
    changes.push(...(page.Changes ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return {
    Status: page.Status,
    StatusReason: page.StatusReason,
    ExecutionStatus: page.ExecutionStatus,
    Changes: changes,
  };
}

export async function executeChangeSet(cfn: CloudFormationClient, changeSetId: string): Promise<void> {
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId }));
}

export async function deleteChangeSet(cfn: CloudFormationClient, changeSetId: string): Promise<void> {
  await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId }));
}

/** Deletes the stack (no error when there is none, as CloudFormation answers). */
export async function deleteStack(cfn: CloudFormationClient, stackName: string): Promise<void> {
  await cfn.send(new DeleteStackCommand({ StackName: stackName }));
}

/** The stack's events, newest first (the first page: the latest operation's). */
export async function stackEvents(cfn: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
  return (await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }))).StackEvents ?? [];
}

/** The stack's resources. */
export async function stackResources(cfn: CloudFormationClient, stackName: string): Promise<StackResource[]> {
  return (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
}
