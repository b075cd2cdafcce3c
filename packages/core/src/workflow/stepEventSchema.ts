import { InputError } from '../errors.js';
import { MAX_SEGMENTS } from '../validation/parseSegmentCount.js';
import { schemaCheck } from '../validation/schemaCheck.js';
import type { StepEvent } from './steps.js';

/**
 * JSON Schema of a step's event (a Lambda invocation's payload from a Task state): the fields the handlers
 * read, each of its type, so that no handler casts (`String(event.x)`). Step parameters beyond these pass
 * through to the handler that asked for them.
 */
export const stepEventSchema = {
  type: 'object',
  required: ['handler'],
  properties: {
    handler: { type: 'string', minLength: 1 },
    plan: { type: 'object' },
    deadline: { type: 'string' },
    requestedTime: { type: 'string' },
    executionId: { type: 'string', minLength: 1 },
    segment: { type: 'integer', minimum: 0, maximum: MAX_SEGMENTS - 1 },
    operation: { enum: ['empty', 'copy', 'delta'] },
    pace: {
      type: 'object',
      additionalProperties: false,
      properties: { writeUnitsPerSecond: { type: 'number', exclusiveMinimum: 0 } },
    },
    error: {
      type: 'object',
      required: ['Error'],
      properties: { Error: { type: 'string' }, Cause: { type: 'string' } },
    },
    input: { type: 'object' },
    settings: { type: 'object' },
  },
} as const;

const checkStepEvent = schemaCheck<StepEvent>(stepEventSchema);

/**
 * The event as a {@link StepEvent}, or an InputError naming the first field that is not as a Task state
 * sends it (`segment`, `pace.writeUnitsPerSecond`, ...). Checks before any handler runs, so a bad event
 * changes nothing.
 *
 * @example
 * parseStepEvent({ handler: 'verifyTableSegment', segment: '3' }); // InputError: segment "3" must be integer. ...
 */
export function parseStepEvent(event: unknown): StepEvent {
  const checked = checkStepEvent(event);
  if (checked.ok) return checked.value;
  const { path, value, problem } = checked.problem;
  throw new InputError(
    path.length ? path.join('.') : 'event',
    value,
    problem,
    "Invoke the function with the event a Task state of the workflow's state machines sends.",
  );
}
