import { InputError } from '../errors.js';
import type { StepEvent, StepHandlers } from './steps.js';
import { parseStepEvent } from './stepEventSchema.js';

/**
 * Calls the handler a step's event names: what a Lambda invocation of a Task state does. Refuses an event
 * that `parse` refuses (by default {@link parseStepEvent}: {@link stepEventSchema}), or that names no
 * handler of the table.
 *
 * @example
 * await dispatchStep(restoreHandlers, context, { handler: 'prepareSync', plan, deadline, requestedTime });
 */
export async function dispatchStep<C>(
  handlers: StepHandlers<C>,
  ctx: C,
  payload: unknown,
  parse: (payload: unknown) => StepEvent = parseStepEvent,
): Promise<unknown> {
  const event = parse(payload);
  const handler = Object.hasOwn(handlers, event.handler) ? handlers[event.handler] : undefined;
  if (!handler) {
    throw new InputError(
      'handler',
      event.handler,
      'is not a step of this workflow',
      `Call one of ${Object.keys(handlers).join(', ')} (the state machine's Task states do).`,
    );
  }
  return handler(ctx, event);
}
