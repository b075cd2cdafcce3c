import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { InputError } from '@dynamo-dr/core';
import { describe, expect, it } from 'vitest';
import { DisasterRecovery, type DisasterRecoveryProps } from '../src/index.js';

/** Builds the construct in a new stack; returns the error it threw and the stack's template. */
function attempt(props: DisasterRecoveryProps, env?: { region: string; account: string }) {
  const stack = new Stack(new App(), 'Recovery', { env });
  let error: unknown;
  try {
    new DisasterRecovery(stack, 'DisasterRecovery', props);
  } catch (thrown) {
    error = thrown;
  }
  return { error: error as InputError, resources: Template.fromStack(stack).toJSON().Resources ?? {} };
}

describe('DisasterRecovery props', () => {
  it('are refused with every bad value named at once, and nothing is created', () => {
    const { error, resources } = attempt({
      environmentName: 'Prod env',
      restoreDeadline: Duration.seconds(90),
      tables: [
        { table: 'Prod-Orders', segments: 0 },
        { table: 'Prod-Orders-Copy', logicalName: 'ProdOrders' },
        { table: 'x', mode: 'fast' as never },
        { table: 'Prod-Events', logicalName: 'E'.repeat(47) },
      ],
    });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('environmentName "Prod env" is not an environment name');
    expect(error.message).toContain('restoreDeadline 1.5 minutes is not a whole number of minutes');
    expect(error.message).toContain('tables[0].segments 0 is not a whole number from 1 to 1000');
    expect(error.message).toContain('logicalName "ProdOrders" is given to more than one table');
    expect(error.message).toContain('tables[2].table "x" names no valid table');
    expect(error.message).toContain(`tables[2].mode "fast" is not 'delta' or 'reset'`);
    expect(error.message).toContain(`tables[3].logicalName "${'E'.repeat(47)}" is not 1 to 46 letters or digits`);
    expect(resources).toEqual({});
  });

  it('refuse a table of another region, and a table whose name is known only at deploy time without a logicalName', () => {
    const app = new App();
    const tables = new Stack(app, 'Tables', { env: { region: 'eu-west-1', account: '111122223333' } });
    const unnamed = new dynamodb.Table(tables, 'Unnamed', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    expect(
      () =>
        new DisasterRecovery(tables, 'DisasterRecovery', {
          environmentName: 'Prod',
          tables: [{ table: 'arn:aws:dynamodb:us-east-1:111122223333:table/Prod-Orders' }, { table: unnamed }],
        }),
    ).toThrow(
      /tables\[0\]\.table "arn:aws:dynamodb:us-east-1:111122223333:table\/Prod-Orders" is in region us-east-1 \(the stack's is eu-west-1\).*tables\[1\]\.logicalName is required/,
    );
  });

  it('refuse tables that are all excluded, and names too long for the worker function', () => {
    expect(
      attempt({ environmentName: 'Prod', tables: [{ table: 'Prod-SSN', excluded: true }] }).error.message,
    ).toContain('tables names no table that is not excluded');
    const env = 'P'.repeat(30);
    expect(
      attempt({ environmentName: env, tables: [{ table: 'Prod-Orders', logicalName: 'O'.repeat(20) }] }).error.message,
    ).toContain(`makes the worker name ${env}-DisasterRecovery-${'O'.repeat(20)} longer than 64 characters`);
  });

  it('refuse monitoring values outside their ranges and a budget that notifies no one, and nothing is created', () => {
    const { error, resources } = attempt({
      environmentName: 'Prod',
      tables: [{ table: 'Prod-Orders' }],
      monitoring: {
        retentionDays: 36,
        windowTolerance: Duration.millis(1500),
        maxRestorableLag: Duration.days(2),
        drillMaxAge: Duration.hours(36),
        drillReports: { bucketName: '' },
      },
      costBudget: { monthlyLimitUsd: 0, emails: ['dba.example.com'] },
    });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('monitoring.retentionDays 36 is not a whole number of days from 1 to 35');
    expect(error.message).toContain('monitoring.windowTolerance 1.5 seconds is not a whole number of seconds');
    expect(error.message).toContain(
      'monitoring.maxRestorableLag 172800 seconds is not a whole number of seconds from 1 second to 1 day',
    );
    expect(error.message).toContain('monitoring.drillMaxAge 1.5 days is not a whole number of days');
    expect(error.message).toContain('monitoring.drillReports.bucketName is empty');
    expect(error.message).toContain('costBudget.monthlyLimitUsd 0 is not an amount of US dollars above 0');
    expect(error.message).toContain('costBudget.emails "dba.example.com" is not an email address');
    expect(resources).toEqual({});
    const silent = attempt({
      environmentName: 'Prod',
      tables: [{ table: 'Prod-Orders' }],
      costBudget: { monthlyLimitUsd: 10 },
    });
    expect(silent.error.message).toContain('costBudget notifies no one: give alarmTopic or costBudget.emails');
    expect(silent.resources).toEqual({});
    const env = 'P'.repeat(41);
    expect(
      attempt({ environmentName: env, tables: [{ table: 'Prod-Orders', logicalName: 'O' }] }).error.message,
    ).toContain(`makes the monitor's name ${env}-DisasterRecoveryMonitor longer than 64 characters`);
  });
});
