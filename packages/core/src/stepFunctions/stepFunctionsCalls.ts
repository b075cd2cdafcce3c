import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type ExecutionListItem,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';

/*
 * The Step Functions calls the restore executor makes, and nothing else
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/).
 */

/** The execution, or `undefined` when there is none of that ARN. */
export async function describeExecutionIfExists(
  sfn: SFNClient,
  executionArn: string,
): Promise<DescribeExecutionCommandOutput | undefined> {
  try {
    return await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
}

/**
 * Starts an execution named `name`; `undefined` when the name is taken (ExecutionAlreadyExists: a closed
 * execution of that name, or a running one with another input). The same name and input as a running
 * execution return that execution: StartExecution is idempotent for Standard workflows.
 */
export async function startNamedExecution(
  sfn: SFNClient,
  request: { readonly stateMachineArn: string; readonly name: string; readonly input: string },
): Promise<string | undefined> {
  try {
    return (await sfn.send(new StartExecutionCommand(request))).executionArn;
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return undefined;
    throw error;
  }
}

/** Every event of the execution's history after `afterEventId`, in order (GetExecutionHistory pages them). */
export async function historyAfter(
  sfn: SFNClient,
  executionArn: string,
  afterEventId: number,
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000, includeExecutionData: false }),
    );
    events.push(...(page.events ?? []).filter((e) => (e.id ?? 0) > afterEventId));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Every execution of the machine, newest first (ListExecutions pages them). */
export async function listExecutions(sfn: SFNClient, stateMachineArn: string): Promise<ExecutionListItem[]> {
  const executions: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken, maxResults: 1000 }));
    executions.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return executions;
}

/**
 * The first failed iteration of the execution's Distributed Maps (its child executions, one per item), or
 * `undefined`: a Map that fails reports only that its tolerated failure threshold was exceeded.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html
 */
export async function failedMapIteration(
  sfn: SFNClient,
  executionArn: string,
): Promise<DescribeExecutionCommandOutput | undefined> {
  const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
  for (const { mapRunArn } of mapRuns ?? []) {
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED', maxResults: 1 }),
    );
    const failed = executions?.[0]?.executionArn;
    if (failed) return describeExecutionIfExists(sfn, failed);
  }
  return undefined;
}
