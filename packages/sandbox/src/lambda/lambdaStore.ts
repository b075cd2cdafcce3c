import { JsonStateFile } from '../jsonStateFile.js';
import type { InstalledCode } from './code/functionCode.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { functionInOtherRegion, functionNotFound, validation } from './lambdaError.js';

/**
 * Lambda's default concurrency quota per Region, and the part of it that
 * reserved concurrency may never take.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
 */
export const ACCOUNT_CONCURRENCY = 1000;
export const MINIMUM_UNRESERVED = 100;

/** A function: its configuration as GetFunction returns it, plus what other calls set. */
export interface FunctionRecord {
  configuration: Record<string, unknown> & { FunctionName: string; FunctionArn: string };
  reservedConcurrency?: number;
  /** Where its deployment package is unpacked; absent for functions kept before the sandbox ran code. */
  code?: InstalledCode;
  tags: Record<string, string>;
}

/** An event source mapping as GetEventSourceMapping returns it, minus its transitional state. */
export interface MappingRecord {
  readonly UUID: string;
  readonly EventSourceArn: string;
  FunctionArn: string;
  BatchSize: number;
  enabled: boolean;
  LastModified: number;
}

interface RegionState {
  functions: Record<string, FunctionRecord>;
  mappings: Record<string, MappingRecord>;
}

// https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html#API_GetFunction_RequestSyntax (FunctionName)
const FUNCTION_REF =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d):)?(?:\d{12}:)?(?:function:)?([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** Lambda's state per Region, in memory or in `file`. */
export class LambdaStore {
  private readonly state: JsonStateFile<Record<string, RegionState>>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({}));
  }

  region(region: string): RegionState {
    return (this.state.data[region] ??= { functions: {}, mappings: {} });
  }

  /** Persists after a change. */
  save(): void {
    this.state.save();
  }

  /** The function a name, ARN or partial ARN (any qualifier ignored) refers to; ResourceNotFoundException if none. */
  findFunction(region: string, reference: string): FunctionRecord {
    const { name, region: named } = functionReference(reference);
    if (named !== undefined && named !== region) throw functionInOtherRegion(named, region);
    const found = this.region(region).functions[name];
    if (!found) throw functionNotFound(functionArn(region, name));
    return found;
  }

  /** Reserved concurrency of every function in the Region but `except`. */
  reservedElsewhere(region: string, except: string): number {
    return Object.values(this.region(region).functions)
      .filter((f) => f.configuration.FunctionName !== except)
      .reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
  }
}

/** The bare function name in a name, ARN or partial ARN; ValidationException when it is none of them. */
export function functionNameOf(reference: string): string {
  return functionReference(reference).name;
}

/** The name and the qualifier (`name:qualifier`, `…:function:name:qualifier`) a reference holds. */
export function functionReference(reference: string): { name: string; qualifier?: string; region?: string } {
  const match = FUNCTION_REF.exec(reference);
  if (!match?.[2] || match[2].length > 64) {
    throw validation(
      'functionName',
      reference,
      `Member must satisfy regular expression pattern: ${FUNCTION_REF.source}`,
    );
  }
  return { name: match[2], qualifier: match[3], region: match[1] };
}

export function functionArn(region: string, name: string): string {
  return `arn:aws:lambda:${region}:${SANDBOX_ACCOUNT}:function:${name}`;
}
