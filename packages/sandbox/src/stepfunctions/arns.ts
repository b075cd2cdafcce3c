import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { sfnErrors } from './sfnErrors.js';

// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html#StepFunctions-CreateStateMachine-request-name
// eslint-disable-next-line no-control-regex -- AWS forbids control characters in names
const FORBIDDEN_IN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** Throws InvalidName unless `name` is 1–80 characters without the characters AWS forbids. */
export function checkName(name: string): string {
  if (name.length < 1 || name.length > 80 || FORBIDDEN_IN_NAME.test(name)) throw sfnErrors.invalidName(name);
  return name;
}

const prefix = (region: string) => `arn:aws:states:${region}:${SANDBOX_ACCOUNT}`;

export const stateMachineArn = (region: string, name: string) => `${prefix(region)}:stateMachine:${name}`;

export const executionArn = (region: string, machineName: string, name: string) =>
  `${prefix(region)}:execution:${machineName}:${name}`;

/**
 * A Distributed Map's run and its child executions are named after the parent
 * machine and the Map's label (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html).
 */
export const mapRunArn = (region: string, machineName: string, label: string, id: string) =>
  `${prefix(region)}:mapRun:${machineName}/${label}:${id}`;

export const mapRunChildArn = (region: string, machineName: string, label: string, name: string) =>
  `${prefix(region)}:execution:${machineName}/${label}:${name}`;

/** The name in a state machine ARN; InvalidArn when `arn` is not one. */
export function stateMachineNameOf(arn: unknown): string {
  const match =
    typeof arn === 'string' ? /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:([^:]+)$/.exec(arn) : null;
  if (!match?.[1]) throw sfnErrors.invalidArn(String(arn), 'stateMachine');
  return match[1];
}

/** Throws InvalidArn unless `arn` is an execution ARN. */
export function checkExecutionArn(arn: unknown): string {
  if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn)) {
    throw sfnErrors.invalidArn(String(arn), 'execution');
  }
  return arn;
}
