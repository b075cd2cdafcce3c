import { invalidParameter, validation } from '../lambdaError.js';
import { checkVariables } from '../runtime/functionEnvironment.js';
import { checkRuntime } from '../runtime/runtimes.js';
import type { FunctionRuntime } from '../runtime/functionRuntime.js';

// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html#API_CreateFunction_RequestSyntax (Role)
const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const HANDLER = /^[^\s]+$/;

/**
 * The settings CreateFunction and UpdateFunctionConfiguration share, checked as Lambda checks them; only
 * the members present in `body` are returned (with `required`, Runtime, Handler and Role must be).
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 */
export function functionSettings(
  body: Record<string, unknown>,
  runtime: FunctionRuntime,
  required: boolean,
): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (body.Role !== undefined || required) {
    if (typeof body.Role !== 'string' || !ROLE_ARN.test(body.Role)) {
      throw validation('role', body.Role, `Member must satisfy regular expression pattern: ${ROLE_ARN.source}`);
    }
    if (!runtime.lambdaMayAssume(body.Role)) {
      throw invalidParameter('The role defined for the function cannot be assumed by Lambda.');
    }
    settings.Role = body.Role;
  }
  if (required && (body.Runtime === undefined || body.Handler === undefined)) {
    throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with Zip packages.');
  }
  if (body.Runtime !== undefined) settings.Runtime = checkRuntime(body.Runtime);
  if (body.Handler !== undefined) {
    if (typeof body.Handler !== 'string' || !HANDLER.test(body.Handler) || body.Handler.length > 128) {
      throw validation('handler', body.Handler, `Member must satisfy regular expression pattern: ${HANDLER.source}`);
    }
    settings.Handler = body.Handler;
  }
  if (body.Timeout !== undefined) settings.Timeout = bounded(body.Timeout, 'timeout', 1, 900);
  if (body.MemorySize !== undefined) settings.MemorySize = bounded(body.MemorySize, 'memorySize', 128, 10240);
  if (body.Description !== undefined) settings.Description = String(body.Description);
  const variables = checkVariables(body.Environment);
  if (variables) settings.Environment = { Variables: variables };
  return settings;
}

function bounded(value: unknown, member: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw validation(member, value, `Member must have value greater than or equal to ${min}`);
  }
  if (value > max) throw validation(member, value, `Member must have value less than or equal to ${max}`);
  return value;
}
