import { validationError } from '../../awsError.js';
import { validateRequest } from '../../validateRequest.js';
import { eventPatternProblem } from '../eventPattern.js';
import { invalidEventPattern } from '../eventsErrors.js';
import { BUS_NAME, RULE_NAME } from '../eventsRules.js';
import { checkBus, ruleArn } from '../eventsStore.js';
import type { EventsAction } from '../service.js';

const RULES = {
  Name: { ...RULE_NAME, notNull: true },
  ScheduleExpression: { type: 'String', lengthLessThanOrEqual: 256 },
  EventPattern: { type: 'String', lengthLessThanOrEqual: 4096 },
  State: { type: 'String', enum: ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] },
  Description: { type: 'String', lengthLessThanOrEqual: 512 },
  RoleArn: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1600 },
  Tags: { type: 'List' },
  EventBusName: BUS_NAME,
};

const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+( \S+){5}\))$/;

/**
 * PutRule: creates a rule or replaces its definition (targets stay). The
 * pattern is checked as EventBridge checks it; schedules are kept and
 * described but not run by the sandbox.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
 */
export const putRule: EventsAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const bus = checkBus(data.EventBusName, region);
  const pattern = data.EventPattern as string | undefined;
  const schedule = data.ScheduleExpression as string | undefined;
  if (pattern === undefined && schedule === undefined) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (pattern !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      throw invalidEventPattern(`${(error as Error).message}`);
    }
    const problem = eventPatternProblem(parsed);
    if (problem) throw invalidEventPattern(problem);
  }
  if (schedule !== undefined && !SCHEDULE.test(schedule)) {
    throw validationError('Parameter ScheduleExpression is not valid.');
  }
  const name = data.Name as string;
  const rules = store.rules(region);
  const arn = ruleArn(region, name);
  const optional = (field: string) => (data[field] === undefined ? {} : { [field]: data[field] as string });
  rules[name] = {
    Name: name,
    Arn: arn,
    EventBusName: bus,
    ...optional('EventPattern'),
    ...optional('ScheduleExpression'),
    State: (data.State as string | undefined) ?? 'ENABLED',
    ...optional('Description'),
    ...optional('RoleArn'),
    targets: rules[name]?.targets ?? [],
  };
  store.save();
  return { RuleArn: arn };
};
