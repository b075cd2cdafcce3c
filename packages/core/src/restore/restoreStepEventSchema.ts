import { stepEventParser } from '../workflow/stepEventSchema.js';

const name = { type: 'string', minLength: 1 } as const;
const time = { type: 'string', minLength: 1 } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;

/**
 * JSON Schema of {@link TableRestoreSettings} as a state machine bakes them into its steps (`settingsOf`):
 * each field of its type, so that a bad one is named (`settings.segments`), not found by the step that
 * reads it. Fields beyond these pass (a newer deployment may add some).
 */
export const tableRestoreSettingsSchema = {
  type: 'object',
  required: [
    'tableName',
    'logicalName',
    'mode',
    'keepRestoredTable',
    'segments',
    'sensitive',
    'restoreDeadlineMinutes',
  ],
  properties: {
    tableName: name,
    logicalName: name,
    mode: { enum: ['delta', 'reset'] },
    keepRestoredTable: { type: 'boolean' },
    segments: { type: 'integer', minimum: 1 },
    sensitive: { type: 'boolean' },
    restoreDeadlineMinutes: { type: 'integer', minimum: 1 },
    maxWriteUnitsPerSecond: positive,
    maxReadUnitsPerSecond: positive,
  },
} as const;

/**
 * JSON Schema of {@link TableRestorePlan}, the plan every step of the restore and sync workflows receives:
 * its settings, the derived names, the time and the restorable window, field by field. A plan that extends
 * it (a revert's) passes with its own fields.
 */
export const tableRestorePlanSchema = {
  type: 'object',
  required: [
    ...tableRestoreSettingsSchema.required,
    'forensicBackupName',
    'restoredTableName',
    'incidentId',
    'restoreTime',
    'estimatedItems',
    'estimatedBytes',
    'restorableWindow',
  ],
  properties: {
    ...tableRestoreSettingsSchema.properties,
    forensicBackupName: name,
    restoredTableName: name,
    incidentId: name,
    restoreTime: time,
    estimatedItems: { type: 'integer', minimum: 0 },
    estimatedBytes: { type: 'integer', minimum: 0 },
    restorableWindow: {
      type: 'object',
      required: ['earliest', 'latest'],
      properties: { earliest: time, latest: time },
    },
  },
} as const;

/**
 * A Lambda event of the restore and sync workflows' steps as a {@link StepEvent}: {@link stepEventSchema}
 * with `plan` and `settings` checked field by field, so that the InputError names the field
 * (`plan.segments "4" must be integer`) before any step runs.
 *
 * @example
 * parseRestoreStepEvent({ handler: 'startForensicBackup', plan: { ...plan, segments: '4' }, deadline, requestedTime }); // InputError
 */
export const parseRestoreStepEvent = stepEventParser({
  plan: tableRestorePlanSchema,
  settings: tableRestoreSettingsSchema,
});
