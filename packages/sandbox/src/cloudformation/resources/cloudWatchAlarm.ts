import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { physicalName, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::CloudWatch::Alarm through the sandbox's CloudWatch: PutMetricAlarm with
 * the template's properties (it replaces an alarm of the same name, so an
 * update is the same call). Ref is the alarm name; attribute Arn.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html
 */
export const cloudWatchAlarm: ResourceHandler = {
  replacingProperties: ['AlarmName'],

  async create(properties, context) {
    return putAlarm((properties.AlarmName as string | undefined) ?? physicalName(context, 255), properties, context);
  },

  async update(current, properties, _previous, context) {
    return putAlarm(current.physicalId, properties, context);
  },

  async delete(current, _properties, context) {
    await context.clients.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [current.physicalId] }));
  },
};

async function putAlarm(AlarmName: string, properties: Record<string, unknown>, context: ResourceContext) {
  const number = (value: unknown) => (value === undefined ? undefined : Number(value));
  await context.clients.cloudwatch.send(
    new PutMetricAlarmCommand({
      ...properties,
      AlarmName,
      Period: number(properties.Period),
      EvaluationPeriods: number(properties.EvaluationPeriods),
      DatapointsToAlarm: number(properties.DatapointsToAlarm),
      Threshold: number(properties.Threshold),
      ActionsEnabled:
        properties.ActionsEnabled === undefined ? undefined : String(properties.ActionsEnabled) === 'true',
    } as PutMetricAlarmCommandInput),
  );
  const { MetricAlarms = [] } = await context.clients.cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: [AlarmName] }),
  );
  return { physicalId: AlarmName, attributes: { Arn: MetricAlarms[0]?.AlarmArn } };
}
