import { AwsError, validationError } from '../../awsError.js';
import { validateRequest } from '../../validateRequest.js';
import { BUS_NAME, RULE_NAME } from '../eventsRules.js';
import type { TargetRecord } from '../eventsStore.js';
import type { EventsAction } from '../service.js';
import { findRule } from './ruleLookup.js';

const RULES = {
  Rule: { ...RULE_NAME, notNull: true },
  EventBusName: BUS_NAME,
  Targets: {
    type: 'List',
    notNull: true,
    lengthGreaterThanOrEqual: 1,
    lengthLessThanOrEqual: 10,
    children: {
      type: 'FieldStruct<Target>',
      children: {
        Id: { ...RULE_NAME, notNull: true },
        Arn: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1600 },
        RoleArn: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1600 },
        Input: { type: 'String', lengthLessThanOrEqual: 8192 },
        InputPath: { type: 'String', lengthLessThanOrEqual: 256 },
        InputTransformer: {
          type: 'FieldStruct<InputTransformer>',
          children: {
            InputPathsMap: { type: 'Map<String>', children: 'String', lengthLessThanOrEqual: 100 },
            InputTemplate: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 8192 },
          },
        },
      },
    },
  },
};

/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html: five targets per rule. */
const MAX_TARGETS = 5;

/**
 * PutTargets: adds targets to a rule, or replaces those with the same Id.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html
 */
export const putTargets: EventsAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const rule = findRule(store, region, data.Rule, data.EventBusName);
  const targets = data.Targets as TargetRecord[];
  for (const target of targets) {
    // EventBridge sends across Regions only to event buses; the sandbox delivers to topics alone.
    const targetRegion = target.Arn.split(':')[3];
    if (targetRegion && targetRegion !== region) {
      throw validationError(
        `Cross-region api call is not allowed: target ${target.Id} (${target.Arn}) is not in ${region}, the rule's Region.`,
      );
    }
    const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((i) => i !== undefined);
    if (inputs.length > 1) {
      throw validationError(`Target ${target.Id}: only one of Input, InputPath, or InputTransformer must be provided.`);
    }
    if (target.InputPath !== undefined && !target.InputPath.startsWith('$')) {
      throw validationError(
        `Target ${target.Id}: InputPath ${target.InputPath} is not a JSON path (it starts with $).`,
      );
    }
    if (target.Input !== undefined) {
      try {
        JSON.parse(target.Input);
      } catch {
        throw validationError(`Target ${target.Id}: Input is not valid JSON.`);
      }
    }
  }
  const ids = new Set(targets.map((t) => t.Id));
  const kept = rule.targets.filter((t) => !ids.has(t.Id));
  if (kept.length + targets.length > MAX_TARGETS) {
    throw new AwsError(
      'LimitExceededException',
      `The requested resource exceeds the maximum number allowed: rule ${rule.Name} may have ${MAX_TARGETS} targets.`,
    );
  }
  rule.targets = [...kept, ...targets];
  store.save();
  return { FailedEntryCount: 0, FailedEntries: [] };
};
