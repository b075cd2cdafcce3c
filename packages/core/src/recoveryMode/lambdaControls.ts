import {
  DeleteFunctionConcurrencyCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  UpdateEventSourceMappingCommand,
  paginateListEventSourceMappings,
  paginateListFunctions,
  type LambdaClient,
} from '@aws-sdk/client-lambda';

/**
 * The Lambda calls recovery mode makes, in its own terms. The only module
 * here that speaks to the SDK's LambdaClient.
 */

/** A function as recovery mode sees it. `reservedConcurrency` null: none reserved. */
export interface FunctionSettings {
  readonly name: string;
  readonly arn: string;
  readonly reservedConcurrency: number | null;
  readonly tags: Readonly<Record<string, string>>;
}

/** An event source mapping and whether it polls. */
export interface MappingSettings {
  readonly uuid: string;
  readonly functionArn: string;
  readonly eventSourceArn: string;
  readonly enabled: boolean;
  /** AWS's state, transitional ones included (Enabling, Disabling, Updating...). */
  readonly state: string;
}

/** Names of every function in the account and Region. */
export async function listFunctionNames(lambda: LambdaClient): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListFunctions({ client: lambda, pageSize: 50 }, {})) {
    for (const f of page.Functions ?? []) if (f.FunctionName) names.push(f.FunctionName);
  }
  return names;
}

/** A function's ARN, reserved concurrency and tags (GetFunction returns all three). */
export async function getFunctionSettings(lambda: LambdaClient, name: string): Promise<FunctionSettings> {
  const got = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
  return {
    name,
    arn: got.Configuration?.FunctionArn ?? name,
    reservedConcurrency: got.Concurrency?.ReservedConcurrentExecutions ?? null,
    tags: got.Tags ?? {},
  };
}

/** The function's reserved concurrency, null when none. */
export async function getReservedConcurrency(lambda: LambdaClient, name: string): Promise<number | null> {
  const got = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }));
  return got.ReservedConcurrentExecutions ?? null;
}

/** Sets the reserved concurrency, or removes it for null. */
export async function setReservedConcurrency(lambda: LambdaClient, name: string, value: number | null): Promise<void> {
  if (value === null) await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
  else
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: value }));
}

/** Every event source mapping of a function. */
export async function listMappings(lambda: LambdaClient, functionArn: string): Promise<MappingSettings[]> {
  const mappings: MappingSettings[] = [];
  for await (const page of paginateListEventSourceMappings({ client: lambda }, { FunctionName: functionArn })) {
    for (const m of page.EventSourceMappings ?? []) {
      mappings.push({
        uuid: m.UUID ?? '',
        functionArn: m.FunctionArn ?? functionArn,
        eventSourceArn: m.EventSourceArn ?? '',
        enabled: pollsIn(m.State),
        state: m.State ?? 'Unknown',
      });
    }
  }
  return mappings;
}

/** A mapping's current state. */
export async function getMappingState(
  lambda: LambdaClient,
  uuid: string,
): Promise<{ enabled: boolean; state: string }> {
  const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
  return { enabled: pollsIn(got.State), state: got.State ?? 'Unknown' };
}

/** Enables or disables a mapping (AWS settles it through Enabling/Disabling). */
export async function setMappingEnabled(lambda: LambdaClient, uuid: string, enabled: boolean): Promise<void> {
  await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: enabled }));
}

/** True when the function or mapping no longer exists. */
export function isGone(error: unknown): boolean {
  return error instanceof ResourceNotFoundException;
}

/**
 * Whether a mapping in this state polls or is about to: only Disabled and
 * Disabling do not. Creating and Updating count as polling, so recovery mode
 * holds them rather than assume they are off.
 * https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html (State)
 */
function pollsIn(state: string | undefined): boolean {
  return state !== 'Disabled' && state !== 'Disabling';
}
