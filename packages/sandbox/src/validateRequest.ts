import { createRequire } from 'node:module';
import { AwsError } from './awsError.js';

/**
 * A validation rule set in dynalite's format: `{ Field: { type, required,
 * notNull, regex, enum, greaterThanOrEqual, ... } }`. See
 * node_modules/dynalite/validations/*.js for examples.
 */
export type ValidationTypes = Record<string, unknown>;

/** A check run after the field rules; returns a ValidationException message, or nothing. */
export type CustomValidation = (data: Record<string, unknown>) => string | undefined;

interface DynaliteValidations {
  checkTypes(data: Record<string, unknown>, types: ValidationTypes): Record<string, unknown>;
  checkValidations(data: Record<string, unknown>, types: ValidationTypes, custom?: CustomValidation): void;
}

const engine = createRequire(import.meta.url)('dynalite/validations/index.js') as DynaliteValidations;

/**
 * Checks a request with dynalite's validation engine, which reproduces AWS's
 * exact SerializationException and ValidationException texts ("1 validation
 * error detected: Value null at 'tableName' failed to satisfy constraint:
 * Member must not be null"), for every JSON-protocol service that declares its
 * rules in this form (DynamoDB, CloudWatch, EventBridge). Returns the request
 * with unknown fields dropped.
 */
export function validateRequest(
  request: Record<string, unknown>,
  types: ValidationTypes,
  custom?: CustomValidation,
): Record<string, unknown> {
  try {
    const data = engine.checkTypes({ ...request }, types);
    engine.checkValidations(data, types, custom);
    return data;
  } catch (error) {
    const body = (error as { body?: { __type?: string; message?: string; Message?: string } }).body;
    if (!body) throw error;
    const type = String(body.__type ?? 'ValidationException')
      .split('#')
      .pop() as string;
    throw new AwsError(type, body.message ?? body.Message ?? '', (error as { statusCode?: number }).statusCode ?? 400);
  }
}
