import { cfnErrors } from '../cfnErrors.js';
import type { StackRecord, StackStore } from '../stackStore.js';
import type { GivenParameter } from '../template/templateParameters.js';

/** Request members the stack actions share, read from the query parameters. */
export function stackName(params: Record<string, unknown>): string {
  const name = params.StackName;
  if (typeof name !== 'string' || name === '') {
    throw cfnErrors.validation(
      "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null",
    );
  }
  return name;
}

export const listParam = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export const givenParameters = (params: Record<string, unknown>) => listParam<GivenParameter>(params.Parameters);

export const capabilities = (params: Record<string, unknown>) => listParam<string>(params.Capabilities);

/** The live stack a name (or any stack an id) names; `Stack with id … does not exist` otherwise. */
export function findStack(store: StackStore, nameOrId: string): StackRecord {
  const stack = store.find(nameOrId);
  if (!stack) throw cfnErrors.stackDoesNotExist(nameOrId);
  return stack;
}

/**
 * A stack's template to apply: `TemplateBody`, or the stack's own with
 * `UsePreviousTemplate`; `TemplateURL` needs S3, which the sandbox does not have.
 */
export function templateBodyOf(params: Record<string, unknown>, previous?: StackRecord): unknown {
  if (params.UsePreviousTemplate === 'true' && previous) return previous.templateBody;
  if (params.TemplateURL !== undefined && params.TemplateBody === undefined) {
    throw cfnErrors.validation(
      `The dynamo-dr sandbox has no S3 to read TemplateURL ${String(params.TemplateURL)} from; pass the template as TemplateBody.`,
    );
  }
  return params.TemplateBody;
}

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/** A new stack's name, as CloudFormation allows them. */
export function checkNewStackName(name: string): string {
  if (!STACK_NAME.test(name)) {
    throw cfnErrors.validation(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
  return name;
}
