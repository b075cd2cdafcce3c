import { jsonTargetRequest, type RequiredPermission } from '../iam/serviceAuthorization.js';
import type { SandboxRequest } from '../server.js';
import { stateMachineArn } from './arns.js';

/** The request member naming each operation's resource. */
const RESOURCE_MEMBER: Readonly<Record<string, string>> = {
  DescribeStateMachine: 'stateMachineArn',
  UpdateStateMachine: 'stateMachineArn',
  DeleteStateMachine: 'stateMachineArn',
  StartExecution: 'stateMachineArn',
  DescribeExecution: 'executionArn',
  GetExecutionHistory: 'executionArn',
  StopExecution: 'executionArn',
  ListMapRuns: 'executionArn',
  DescribeMapRun: 'mapRunArn',
};

/**
 * The permission a Step Functions request needs: `states:{Operation}` on the
 * machine, execution or map run it names (ListExecutions: the machine or the
 * map run; ListStateMachines: `*`), plus `iam:PassRole` on the role a create or
 * update sets, as Step Functions requires of its caller.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
 */
export function stepFunctionsPermissions(request: SandboxRequest): RequiredPermission[] {
  const parsed = jsonTargetRequest(request);
  if (!parsed) return [];
  const { operation, body } = parsed;
  const named = (member: string) => (typeof body[member] === 'string' ? (body[member] as string) : undefined);
  let resource: string | undefined = '*';
  if (operation === 'CreateStateMachine') {
    resource = named('name') && stateMachineArn(request.region, named('name') as string);
  } else if (operation === 'ListExecutions') {
    resource = named('mapRunArn') ?? named('stateMachineArn');
  } else if (RESOURCE_MEMBER[operation]) {
    resource = named(RESOURCE_MEMBER[operation] as string);
  }
  // A request without its resource is refused by the service before it touches anything.
  if (resource === undefined) return [];
  const role = named('roleArn');
  return [
    { action: `states:${operation}`, resource },
    ...(role
      ? [{ action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': ['states.amazonaws.com'] } }]
      : []),
  ];
}
