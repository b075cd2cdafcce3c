import { Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { CostBudgetProps } from './backupMonitoringProps.js';

/** What the cost budget of one environment is made with. */
export interface DynamoDbCostBudgetProps extends CostBudgetProps {
  readonly environmentName: string;
  readonly alarmTopic?: ITopic;
}

/** When the budget notifies: 80% of the month's limit actually spent, and a forecast above the limit. */
const NOTIFICATIONS: budgets.CfnBudget.NotificationProperty[] = [
  { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80, thresholdType: 'PERCENTAGE' },
  { notificationType: 'FORECASTED', comparisonOperator: 'GREATER_THAN', threshold: 100, thresholdType: 'PERCENTAGE' },
];

/**
 * An AWS Budgets cost budget, `{environment}-DynamoDB`, on the account's Amazon DynamoDB spend (PITR, backups,
 * restores and table use of every table: Budgets filters by service, not by table), notifying the alarm topic
 * and the emails given. Budgets publishes to a topic its policy lets budgets.amazonaws.com publish to
 * (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html): added here for a topic
 * of this app. The alternative, a CloudWatch billing alarm on `AWS/Billing` `EstimatedCharges`, exists only in
 * us-east-1 and only once billing alerts are enabled (docs/monitoring.md).
 */
export class DynamoDbCostBudget extends Construct {
  readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: DynamoDbCostBudgetProps) {
    super(scope, id);
    const subscribers: budgets.CfnBudget.SubscriberProperty[] = [
      ...(props.alarmTopic ? [{ subscriptionType: 'SNS', address: props.alarmTopic.topicArn }] : []),
      ...(props.emails ?? []).map((address) => ({ subscriptionType: 'EMAIL', address })),
    ];
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: `${props.environmentName}-DynamoDB`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyLimitUsd, unit: 'USD' },
        costFilters: { Service: ['Amazon DynamoDB'] },
      },
      notificationsWithSubscribers: NOTIFICATIONS.map((notification) => ({ notification, subscribers })),
    });
    props.alarmTopic?.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }
}
