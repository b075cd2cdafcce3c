import { InputError } from '../errors.js';
import { schemaCheck } from '../validation/schemaCheck.js';

/**
 * The input of one recovery, exactly as the restore state machine takes it: the recovery workflow's input
 * contract.
 *
 * @example
 * const input: RestoreInput = {
 *   incidentId: 'incident-2025-001',
 *   pitrBackupTime: '2025-01-15T09:00:00+00:00',
 *   tableNameRecoveryConfirmation: 'Prod-ProviderTable-ABC',
 * };
 */
export interface RestoreInput {
  readonly incidentId: string;
  /** ISO 8601 with an offset or `Z`. */
  readonly pitrBackupTime: string;
  /** The destination table's exact physical name, typed by the operator. */
  readonly tableNameRecoveryConfirmation: string;
}

/** JSON Schema of {@link RestoreInput}: exactly its three fields, each a non-empty string. */
export const restoreInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['incidentId', 'pitrBackupTime', 'tableNameRecoveryConfirmation'],
  properties: {
    incidentId: { type: 'string', minLength: 1 },
    pitrBackupTime: { type: 'string', minLength: 1 },
    tableNameRecoveryConfirmation: { type: 'string', minLength: 1 },
  },
} as const;

/** How the destination is brought to the restored data. */
export type SyncMode = 'delta' | 'reset';

/**
 * A check of a state machine's raw execution input against its contract, exactly: every field of the schema
 * (each a non-empty string), nothing else. A bad input is an {@link InputError} naming the field.
 *
 * @example
 * const exactInput = exactInputOf<RestoreInput>(restoreInputSchema);
 * exactInput({ incidentId: 'i' }); // InputError: pitrBackupTime is required
 */
export function exactInputOf<T>(schema: {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required: readonly string[];
}): (value: unknown) => T {
  const check = schemaCheck<T>(schema);
  return (value) => {
    const checked = check(value ?? {});
    if (checked.ok) return checked.value;
    const { path, value: given, problem } = checked.problem;
    const optional = Object.keys(schema.properties).filter((f) => !schema.required.includes(f));
    const fields = `${schema.required.join(', ')}${optional.length ? ` (optionally ${optional.join(', ')})` : ''}`;
    throw new InputError(
      path.length ? path.join('.') : 'input',
      given ?? null,
      problem === 'is not a known field' ? 'is not a field of the input' : problem,
      `Pass exactly ${fields}, each a non-empty string.`,
    );
  };
}
