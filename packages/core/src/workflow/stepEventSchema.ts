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

/**
 * A parser of step events whose `plan` and `settings` (only objects in {@link stepEventSchema}) are checked by
 * the schemas of a workflow's own plan and settings: the parser of the Lambda entry point of that workflow.
 *
 * @example
 * const parse = stepEventParser({ plan: tableRestorePlanSchema, settings: tableRestoreSettingsSchema });
 */
export function stepEventParser(fields: { readonly plan?: object; readonly settings?: object } = {}) {
  const check = schemaCheck<StepEvent>({
    ...stepEventSchema,
    properties: { ...stepEventSchema.properties, ...fields },
  });
  return (event: unknown): StepEvent => {
    const checked = check(event);
    if (checked.ok) return checked.value;
    const { path, value, problem } = checked.problem;
    throw new InputError(
      path.length ? path.join('.') : 'event',
      value,
      problem,
      "Invoke the function with the event a Task state of the workflow's state machines sends.",
    );
  };
}

/**
 * The event as a {@link StepEvent}, or an InputError naming the first field that is not as a Task state
 * sends it (`segment`, `pace.writeUnitsPerSecond`, ...). Checks before any handler runs, so a bad event
 * changes nothing. `plan` and `settings` are checked only as objects: each workflow's entry point checks
 * its own with {@link stepEventParser}.
 *
 * @example
 * parseStepEvent({ handler: 'verifyTableSegment', segment: '3' }); // InputError: segment "3" must be integer. ...
 */
export const parseStepEvent = stepEventParser();
