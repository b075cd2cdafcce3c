import { createRequire } from 'node:module';
import { AwsError } from '../awsError.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';

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

const require = createRequire(import.meta.url);
const engine = require('dynalite/validations/index.js') as DynaliteValidations;

/**
 * Checks a request with dynalite's validation engine, which reproduces AWS's
 * exact SerializationException and ValidationException texts ("1 validation
 * error detected: Value null at 'tableName' failed to satisfy constraint:
 * Member must not be null"). Returns the request with unknown fields dropped.
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

/** dynalite's rule for a table name field. */
export const TABLE_NAME = { type: 'String', required: true, tableName: true, regex: '[a-zA-Z0-9_.-]+' } as const;

interface DynaliteRules {
  types: ValidationTypes;
  custom?: (data: Record<string, unknown>, store: unknown) => string | undefined;
}

/** What dynalite's custom rules read from its store: the account id in its messages. */
const RULES_STORE = { tableDb: { awsAccountId: SANDBOX_ACCOUNT } };

/**
 * Checks a request with dynalite's own rules for that action (e.g.
 * `tagResource`), for actions the sandbox takes over from dynalite.
 */
export function validateAsDynalite(action: string, request: Record<string, unknown>): Record<string, unknown> {
  const rules = require(`dynalite/validations/${action}.js`) as DynaliteRules;
  const custom = rules.custom;
  return validateRequest(request, rules.types, custom && ((data) => custom(data, RULES_STORE)));
}
