import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

/** The credentials a role's calls are signed with. */
export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What Lambda's Invoke answered (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_ResponseSyntax). */
export interface InvokeResult {
  readonly statusCode: number;
  /** The payload as text (`''` when there is none). */
  readonly payload: string;
  /** `Unhandled` (or `Handled`) when the function failed; the payload then holds its error. */
  readonly functionError?: string;
  readonly executedVersion?: string;
}

export interface InvokeRequest {
  readonly functionName: string;
  readonly payload: string;
  readonly qualifier?: string;
  readonly invocationType?: string;
}

/**
 * The calls a state machine's Task states make, signed as the machine's role, for the machine's Region (a Task
 * reaches the functions and machines of its own Region, as on AWS).
 * Each rejects with the AWS SDK's service exception when the service refuses.
 */
export interface TaskClients {
  invokeFunction(request: InvokeRequest, roleArn: string, region: string): Promise<InvokeResult>;
  /** Starts an execution; resolves with its ARN. */
  startExecution(
    request: { stateMachineArn: string; input: string; name?: string },
    roleArn: string,
    region: string,
  ): Promise<string>;
}

/**
 * The sandbox calling itself over HTTP with SDK clients, as Step Functions
 * calls Lambda and itself on AWS: the request goes through the same endpoint,
 * checks and errors as a client's. `credentialsFor` gives the credentials a
 * role's Task states sign with.
 */
export function sandboxTaskClients(
  endpoint: () => string,
  credentialsFor: (roleArn: string) => RoleCredentials,
): TaskClients {
  const config = (roleArn: string, region: string) => ({
    endpoint: endpoint(),
    region,
    credentials: credentialsFor(roleArn),
    // Step Functions reports a refused call to the state's Retry/Catch; it does not retry it itself.
    maxAttempts: 1,
  });
  return {
    async invokeFunction(request, roleArn, region) {
      const lambda = new LambdaClient(config(roleArn, region));
      try {
        const answer = await lambda.send(
          new InvokeCommand({
            FunctionName: request.functionName,
            Payload: Buffer.from(request.payload),
            Qualifier: request.qualifier,
            InvocationType: request.invocationType as 'RequestResponse' | 'Event' | 'DryRun' | undefined,
          }),
        );
        return {
          statusCode: answer.StatusCode ?? 200,
          payload: answer.Payload ? Buffer.from(answer.Payload).toString() : '',
          functionError: answer.FunctionError,
          executedVersion: answer.ExecutedVersion,
        };
      } finally {
        lambda.destroy();
      }
    },
    async startExecution(request, roleArn, region) {
      const sfn = new SFNClient(config(roleArn, region));
      try {
        const started = await sfn.send(new StartExecutionCommand(request));
        return started.executionArn ?? '';
      } finally {
        sfn.destroy();
      }
    },
  };
}
