import os from 'node:os';

/**
 * Who is acting, for the saved state's `by`: the explicit name, else
 * `DYNAMO_DR_OPERATOR`, else the OS user. (STS GetCallerIdentity would name
 * the AWS principal, but the sandbox has no STS and a shared role names no one.)
 *
 * @example
 * operatorName(); // DYNAMO_DR_OPERATOR, else the OS user
 */
export function operatorName(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.DYNAMO_DR_OPERATOR) return process.env.DYNAMO_DR_OPERATOR;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
