import { createRequire } from 'node:module';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { validateRequest, type ValidationTypes } from '../validateRequest.js';

const require = createRequire(import.meta.url);

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
