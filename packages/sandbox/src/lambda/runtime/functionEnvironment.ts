import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalidParameter } from '../lambdaError.js';
import type { RoleSession } from '../../iam/roleSessions.js';

/** Keys Lambda sets itself and refuses in a function's configuration. https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime */
export const RESERVED_VARIABLES = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

/** Lambda's quota on a function's environment variables: 4 KB in all. */
const VARIABLES_LIMIT = 4096;

/** Checks `Environment.Variables` as Lambda does: strings, no reserved key, 4 KB at most. */
export function checkVariables(environment: unknown): Record<string, string> | undefined {
  if (environment === undefined || environment === null) return undefined;
  const variables = (environment as { Variables?: unknown }).Variables ?? {};
  if (typeof variables !== 'object' || Object.values(variables as object).some((v) => typeof v !== 'string')) {
    throw invalidParameter('Environment.Variables must be a map of strings.');
  }
  const map = variables as Record<string, string>;
  const reserved = Object.keys(map).filter((k) => RESERVED_VARIABLES.includes(k));
  if (reserved.length) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  if (JSON.stringify(map).length > VARIABLES_LIMIT) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(map)}`,
    );
  }
  return map;
}

export interface EnvironmentInputs {
  readonly configuration: Readonly<Record<string, unknown>> & { FunctionName: string };
  readonly region: string;
  readonly codeDir: string;
  readonly session: RoleSession;
  readonly endpoint: string;
  /** NODE_PATH: where the function finds the AWS SDK that Lambda's runtime provides (FunctionCodeStore.runtimeModules). */
  readonly nodePath?: string;
}

/**
 * A function's process environment, built from nothing (the sandbox's own variables, e.g. the operator's
 * credentials, never leak in): the function's variables, AWS_ENDPOINT_URL at the sandbox (a function may set
 * its own), and the variables Lambda defines, with the role session's credentials.
 */
export function functionEnvironment({
  configuration,
  region,
  codeDir,
  session,
  endpoint,
  nodePath,
}: EnvironmentInputs): Record<string, string> {
  const name = configuration.FunctionName;
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  const variables = (configuration.Environment as { Variables?: Record<string, string> } | undefined)?.Variables;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...(nodePath ? { NODE_PATH: nodePath } : {}),
    AWS_ENDPOINT_URL: endpoint,
    ...variables,
    _HANDLER: String(configuration.Handler ?? ''),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${String(configuration.Runtime)}`,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(configuration.MemorySize ?? 128),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${session.accessKeyId.slice(4).toLowerCase()}`,
    AWS_ACCESS_KEY_ID: session.accessKeyId,
    AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
    AWS_SESSION_TOKEN: session.sessionToken,
    LAMBDA_TASK_ROOT: codeDir,
    LAMBDA_RUNTIME_DIR: path.dirname(fileURLToPath(import.meta.url)),
  };
}
