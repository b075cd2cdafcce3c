import {
  DeleteRuleCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { physicalName, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::Events::Rule through the sandbox's EventBridge: PutRule (EventPattern
 * as an object or text, ScheduleExpression, State) then PutTargets; an update
 * puts both again and removes targets no longer listed. Ref is the rule name;
 * attribute Arn.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html
 */
export const eventsRule: ResourceHandler = {
  replacingProperties: ['Name', 'EventBusName'],

  async create(properties, context) {
    return putRule((properties.Name as string | undefined) ?? physicalName(context, 64), properties, context);
  },

  async update(current, properties, _previous, context) {
    return putRule(current.physicalId, properties, context);
  },

  async delete(current, properties, context) {
    const Rule = current.physicalId;
    const EventBusName = properties.EventBusName as string | undefined;
    const { Targets = [] } = await context.clients.events.send(new ListTargetsByRuleCommand({ Rule, EventBusName }));
    if (Targets.length > 0) {
      await context.clients.events.send(
        new RemoveTargetsCommand({ Rule, EventBusName, Ids: Targets.map((t) => t.Id ?? '') }),
      );
    }
    await context.clients.events.send(new DeleteRuleCommand({ Name: Rule, EventBusName }));
  },
};

async function putRule(Name: string, properties: Record<string, unknown>, context: ResourceContext) {
  const EventBusName = properties.EventBusName as string | undefined;
  const pattern = properties.EventPattern;
  const { RuleArn } = await context.clients.events.send(
    new PutRuleCommand({
      Name,
      EventBusName,
      EventPattern: pattern === undefined || typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
      ScheduleExpression: properties.ScheduleExpression as string | undefined,
      State: properties.State as 'ENABLED' | 'DISABLED' | undefined,
      Description: properties.Description as string | undefined,
    }),
  );
  const targets = (properties.Targets ?? []) as Target[];
  const { Targets: existing = [] } = await context.clients.events.send(
    new ListTargetsByRuleCommand({ Rule: Name, EventBusName }),
  );
  const gone = existing.map((t) => t.Id ?? '').filter((id) => !targets.some((t) => t.Id === id));
  if (gone.length > 0)
    await context.clients.events.send(new RemoveTargetsCommand({ Rule: Name, EventBusName, Ids: gone }));
  if (targets.length > 0)
    await context.clients.events.send(new PutTargetsCommand({ Rule: Name, EventBusName, Targets: targets }));
  return { physicalId: Name, attributes: { Arn: RuleArn } };
}
