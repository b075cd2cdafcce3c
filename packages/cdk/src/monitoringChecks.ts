import type { Duration } from 'aws-cdk-lib';
import type { DisasterRecoveryProps } from './disasterRecoveryProps.js';
import type { Check } from './propsCheck.js';

/** AWS Budgets takes at most 10 email subscribers per notification. */
const MAX_BUDGET_EMAILS = 10;

/**
 * The checks of the monitoring and cost props: the ranges the configuration file's `backups` and `drills`
 * settings have (docs/configuration.md#backups), a positive budget with someone to notify.
 *
 * @example
 * monitoringChecks({ ...props, monitoring: { retentionDays: 36 } }); // [{ condition: true, message: 'monitoring.retentionDays 36 ...' }, ...]
 */
export function monitoringChecks(props: DisasterRecoveryProps): Check[] {
  const monitoring = props.monitoring ?? {};
  const budget = props.costBudget;
  const seconds = (duration?: Duration) => duration?.toSeconds({ integral: false });
  const outside = (value: number | undefined, min: number, max: number) =>
    value !== undefined && (!Number.isInteger(value) || value < min || value > max);
  const tolerance = seconds(monitoring.windowTolerance);
  const lag = seconds(monitoring.maxRestorableLag);
  const drillAge = monitoring.drillMaxAge?.toDays({ integral: false });
  const emails = budget?.emails ?? [];
  return [
    {
      condition: outside(monitoring.retentionDays, 1, 35),
      message: `monitoring.retentionDays ${monitoring.retentionDays} is not a whole number of days from 1 to 35 (PITR's RecoveryPeriodInDays)`,
    },
    {
      condition: outside(tolerance, 0, 35 * 86400),
      message: `monitoring.windowTolerance ${tolerance} seconds is not a whole number of seconds from 0 to 35 days`,
    },
    {
      condition: outside(lag, 1, 86400),
      message: `monitoring.maxRestorableLag ${lag} seconds is not a whole number of seconds from 1 second to 1 day`,
    },
    {
      condition: outside(drillAge, 1, 3650),
      message: `monitoring.drillMaxAge ${drillAge} days is not a whole number of days from 1 to 3650`,
    },
    {
      condition: monitoring.drillReports !== undefined && monitoring.drillReports.bucketName === '',
      message: 'monitoring.drillReports.bucketName is empty: name the bucket the drill reports are in',
    },
    {
      condition: budget !== undefined && !(Number.isFinite(budget.monthlyLimitUsd) && budget.monthlyLimitUsd > 0),
      message: `costBudget.monthlyLimitUsd ${budget?.monthlyLimitUsd} is not an amount of US dollars above 0`,
    },
    {
      condition: budget !== undefined && emails.length === 0 && !props.alarmTopic,
      message: 'costBudget notifies no one: give alarmTopic or costBudget.emails',
    },
    {
      condition: emails.length > MAX_BUDGET_EMAILS,
      message: `costBudget.emails has ${emails.length} addresses: AWS Budgets takes at most ${MAX_BUDGET_EMAILS}`,
    },
    ...emails
      .filter((email) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      .map((email) => ({
        condition: true,
        message: `costBudget.emails ${JSON.stringify(email)} is not an email address`,
      })),
  ];
}
