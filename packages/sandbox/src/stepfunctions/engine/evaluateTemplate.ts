import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

/**
 * Evaluates an ASL payload template (`"key.$": "$.path"`, `$$.` context paths,
 * intrinsic functions) against an input and a context object, exactly as the
 * interpreter does for Parameters: it runs a one-state machine of a Pass state
 * with that template. The sandbox needs this for the Map fields it evaluates
 * itself (ItemsPath, ItemSelector, SecondsPath…).
 */
export async function evaluateTemplate(
  template: Record<string, unknown>,
  input: unknown,
  context: Record<string, unknown>,
): Promise<unknown> {
  const machine = new StateMachine(
    { StartAt: 'Evaluate', States: { Evaluate: { Type: 'Pass', Parameters: template as never, End: true } } },
    { validationOptions: { noValidate: true } },
  );
  try {
    return await machine.run(input as never, { context: context as never }).result;
  } catch (error) {
    // The state's own error (e.g. States.Runtime for a path that matches nothing), not the wrapper.
    throw error instanceof ExecutionError ? error.cause : error;
  }
}

/** The value at a JSONPath (`$.a.b`, or `$$.` in the context object). */
export async function evaluatePath(path: string, input: unknown, context: Record<string, unknown>): Promise<unknown> {
  const result = (await evaluateTemplate({ 'value.$': path }, input, context)) as { value: unknown };
  return result.value;
}
