import {
  DeleteParameterCommand,
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  type ParameterType,
  type SSMClient,
} from '@aws-sdk/client-ssm';

/*
 * The thin layer over SSM Parameter Store for switching the table name an application reads.
 */

/** A parameter's value and type. */
export interface ParameterValue {
  readonly value: string;
  readonly type: ParameterType;
}

/** The parameter's value (decrypted), or `undefined` when it does not exist. */
export async function getParameterIfExists(ssm: SSMClient, name: string): Promise<ParameterValue | undefined> {
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return { value: out.Parameter!.Value!, type: (out.Parameter!.Type ?? 'String') as ParameterType };
  } catch (error) {
    if (error instanceof ParameterNotFound) return undefined;
    throw error;
  }
}

/** Creates or overwrites a parameter. */
export async function putParameter(ssm: SSMClient, name: string, parameter: ParameterValue): Promise<void> {
  await ssm.send(
    new PutParameterCommand({ Name: name, Value: parameter.value, Type: parameter.type, Overwrite: true }),
  );
}

/** Deletes a parameter (no error when it is already gone). */
export async function deleteParameterIfExists(ssm: SSMClient, name: string): Promise<void> {
  try {
    await ssm.send(new DeleteParameterCommand({ Name: name }));
  } catch (error) {
    if (!(error instanceof ParameterNotFound)) throw error;
  }
}
