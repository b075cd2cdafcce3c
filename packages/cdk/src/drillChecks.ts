import type { DisasterRecoveryProps } from './disasterRecoveryProps.js';
import type { Check } from './propsCheck.js';
import type { ResolvedTable } from './resolvedTable.js';

/** Function names have at most 64 characters. */
const MAX_FUNCTION_NAME = 64;
/** EventBridge Scheduler's recurring expressions (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html). */
const RECURRING = /^(cron\([^()]+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/;

/**
 * The checks of the scheduled drill's props: a table of the construct that is not excluded, a `cron` or `rate`
 * schedule, whole positive targets and age, a prefix S3 keys can start with.
 *
 * @example
 * drillChecks({ ...props, drill: { table: 'Prod-Orders', schedule: 'weekly' } }, tables); // [{ condition: true, message: 'drill.schedule "weekly" ...' }, ...]
 */
export function drillChecks(props: DisasterRecoveryProps, tables: readonly ResolvedTable[]): Check[] {
  const drill = props.drill;
  if (!drill) return [];
  const table = tables.find((t) => t.settings.tableName === drill.table);
  const wholeAbove0 = (value: number | undefined) => value !== undefined && !(Number.isInteger(value) && value > 0);
  const rto = drill.rtoTarget?.toMinutes({ integral: false });
  const rpo = drill.rpoTarget?.toMinutes({ integral: false });
  const age = drill.maxAge?.toDays({ integral: false });
  const functionName = `${props.environmentName}-DisasterRecovery-Drill-${table?.settings.logicalName ?? ''}`;
  return [
    {
      condition: !table,
      message: `drill.table ${JSON.stringify(drill.table)} is no table of tables: name one of ${tables.map((t) => JSON.stringify(t.settings.tableName)).join(', ')} by its table name`,
    },
    {
      condition: table?.excluded === true,
      message: `drill.table ${JSON.stringify(drill.table)} is excluded: drill a table that is recovered`,
    },
    {
      condition: drill.schedule !== undefined && !RECURRING.test(drill.schedule),
      message: `drill.schedule ${JSON.stringify(drill.schedule)} is not an EventBridge Scheduler cron(...) or rate(...) expression, e.g. 'cron(0 6 1 1,4,7,10 ? *)' or 'rate(30 days)'`,
    },
    {
      condition: wholeAbove0(rto),
      message: `drill.rtoTarget ${rto} minutes is not a whole number of minutes above 0`,
    },
    {
      condition: wholeAbove0(rpo),
      message: `drill.rpoTarget ${rpo} minutes is not a whole number of minutes above 0`,
    },
    { condition: wholeAbove0(age), message: `drill.maxAge ${age} days is not a whole number of days above 0` },
    {
      condition: drill.prefix !== undefined && (drill.prefix.startsWith('/') || drill.prefix.length > 512),
      message: `drill.prefix ${JSON.stringify(drill.prefix)} starts with / or is longer than 512 characters: give a key prefix like 'recovery-tests/'`,
    },
    {
      condition: table !== undefined && functionName.length > MAX_FUNCTION_NAME,
      message: `drill.table's logicalName with environmentName makes the drill worker name ${functionName} longer than ${MAX_FUNCTION_NAME} characters: shorten either`,
    },
  ];
}
