import { createHash } from 'node:crypto';

/** Step Functions execution names have at most 80 characters; a retry's suffix (`-r99`) takes four. */
const BASE_LENGTH = 76;

/**
 * The name of a table's restore execution for an incident, attempt by attempt: `{incident}-{Table}`, then
 * `{incident}-{Table}-r2`, … (a name stays taken after its execution ends, for 90 days on AWS, so a resumed
 * recovery needs the next one). The same incident and table always give the same names: a second run finds
 * the first's execution instead of starting another. A long base is shortened with a hash of the whole.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 *
 * @example
 * restoreExecutionName('incident-7', 'Orders', 1); // 'incident-7-Orders'
 * restoreExecutionName('incident-7', 'Orders', 2); // 'incident-7-Orders-r2'
 */
export function restoreExecutionName(incidentId: string, logicalName: string, attempt: number): string {
  const whole = `${incidentId}-${logicalName}`;
  const base =
    whole.length <= BASE_LENGTH
      ? whole
      : `${whole.slice(0, BASE_LENGTH - 9)}-${createHash('sha256').update(whole).digest('hex').slice(0, 8)}`;
  return attempt === 1 ? base : `${base}-r${attempt}`;
}

/** The ARN of the machine's execution named `name` (`arn:…:execution:{machine}:{name}`). */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
