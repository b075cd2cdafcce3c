import { Token, type Stack } from 'aws-cdk-lib';
import { assertRevertOptions, environmentNameRule, followsRule, InputError, tableNameRule } from '@dynamo-dr/core';
import type { DisasterRecoveryProps } from './disasterRecoveryProps.js';
import { foreignArn, type ResolvedTable } from './resolvedTable.js';
import { monitoringChecks } from './monitoringChecks.js';
import { drillChecks } from './drillChecks.js';
import type { Check } from './propsCheck.js';

/** State machine names have at most 80 characters; `DRRestoreDynamoDbTable{name}StateMachine` adds 34. */
const MAX_LOGICAL_NAME = 46;
/** Function names have at most 64 characters; `{environment}-DisasterRecovery-{name}` adds 18. */
const MAX_FUNCTION_NAME = 64;
const MAX_SEGMENTS = 1000;
const MAX_DEADLINE_MINUTES = 7 * 24 * 60;

/**
 * Refuses props that cannot deploy, naming every bad value at once, before any resource is made.
 *
 * @example
 * assertValidProps(stack, props, tables); // throws InputError: DisasterRecovery props ...: tables[1].segments 0 ...
 */
export function assertValidProps(stack: Stack, props: DisasterRecoveryProps, tables: readonly ResolvedTable[]): void {
  const deadline = props.restoreDeadline?.toMinutes({ integral: false });
  const checks: Check[] = [
    {
      condition: !followsRule(environmentNameRule, props.environmentName),
      message: `environmentName ${JSON.stringify(props.environmentName)} is not an environment name: ${environmentNameRule.syntax}`,
    },
    {
      condition: tables.every((table) => table.excluded),
      message: 'tables names no table that is not excluded: name at least one table to recover',
    },
    {
      condition:
        deadline !== undefined && (!Number.isInteger(deadline) || deadline < 1 || deadline > MAX_DEADLINE_MINUTES),
      message: `restoreDeadline ${deadline} minutes is not a whole number of minutes from 1 to ${MAX_DEADLINE_MINUTES} (7 days)`,
    },
    {
      condition: `${props.environmentName}-DisasterRecoveryMonitor`.length > MAX_FUNCTION_NAME,
      message: `environmentName ${JSON.stringify(props.environmentName)} makes the monitor's name ${props.environmentName}-DisasterRecoveryMonitor longer than ${MAX_FUNCTION_NAME} characters: shorten it`,
    },
    ...tables.flatMap((table, i) => tableChecks(stack, props, table, `tables[${i}]`)),
    ...monitoringChecks(props),
    ...drillChecks(props, tables),
    ...duplicates(tables.map((t) => t.settings.logicalName)).map((name) => ({
      condition: true,
      message: `logicalName ${JSON.stringify(name)} is given to more than one table: give each table its own`,
    })),
  ];
  const failed = checks.filter((check) => check.condition).map((check) => check.message);
  if (failed.length > 0) {
    throw new InputError(
      'DisasterRecovery props',
      undefined,
      `are invalid: ${failed.join('; ')}`,
      'Fix each value named.',
    );
  }
}

function tableChecks(stack: Stack, props: DisasterRecoveryProps, table: ResolvedTable, at: string): Check[] {
  const { tableName, logicalName, segments, mode } = table.settings;
  const foreign = table.givenArn && foreignArn(stack, table.givenArn);
  return [
    {
      condition: !Token.isUnresolved(tableName) && !followsRule(tableNameRule, tableName),
      message: `${at}.table ${JSON.stringify(table.givenArn ?? tableName)} names no valid table: ${tableNameRule.syntax}, or give the table's ARN`,
    },
    {
      condition: Boolean(foreign),
      message: `${at}.table ${JSON.stringify(table.givenArn)} is in ${foreign}: deploy the recovery in the table's own region and account`,
    },
    {
      condition: logicalName === '',
      message: `${at}.logicalName is required: the table's name is not known at synth time`,
    },
    {
      condition: logicalName !== '' && !/^[A-Za-z0-9]{1,46}$/.test(logicalName),
      message: `${at}.logicalName ${JSON.stringify(logicalName)} is not 1 to ${MAX_LOGICAL_NAME} letters or digits (it goes into state machine names)`,
    },
    {
      condition: `${props.environmentName}-DisasterRecovery-${logicalName}`.length > MAX_FUNCTION_NAME,
      message: `${at}.logicalName ${JSON.stringify(logicalName)} with environmentName ${JSON.stringify(props.environmentName)} makes the worker name ${props.environmentName}-DisasterRecovery-${logicalName} longer than ${MAX_FUNCTION_NAME} characters: shorten either`,
    },
    {
      condition: !Number.isInteger(segments) || segments < 1 || segments > MAX_SEGMENTS,
      message: `${at}.segments ${segments} is not a whole number from 1 to ${MAX_SEGMENTS}`,
    },
    {
      condition: mode !== 'delta' && mode !== 'reset',
      message: `${at}.mode ${JSON.stringify(mode)} is not 'delta' or 'reset'`,
    },
    ...revertChecks(table, `${at}.revert`),
  ];
}

/** The revert's bucket and prefix, as ExportTableToPointInTime takes them. */
function revertChecks(table: ResolvedTable, at: string): Check[] {
  if (!table.revert) return [];
  let problem: InputError | undefined;
  try {
    assertRevertOptions(table.revert);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problem = error;
  }
  const minimum = table.revert.minExportPeriodMs;
  return [
    { condition: problem !== undefined, message: `${at}.${problem?.field}: ${problem?.message}` },
    {
      condition: minimum !== undefined && !(minimum > 0),
      message: `${at}.minExportPeriod ${minimum} ms is not a positive duration`,
    },
  ];
}

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, i) => name !== '' && names.indexOf(name) !== i))];
}
