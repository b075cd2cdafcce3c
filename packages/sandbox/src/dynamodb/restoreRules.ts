import { createRequire } from 'node:module';
import type { RestoreOverrides } from './store/tableDefinition.js';
import { type ValidationTypes } from '../validateRequest.js';
import { TABLE_NAME } from './dynaliteRules.js';

const createTableRules = (
  createRequire(import.meta.url)('dynalite/validations/createTable.js') as { types: ValidationTypes }
).types;

/**
 * The fields both restore actions take: the target and the overrides, with
 * CreateTable's rules for the index and throughput shapes (dynalite's, AWS's texts).
 */
export const RESTORE_TARGET_RULES: ValidationTypes = {
  TargetTableName: TABLE_NAME,
  BillingModeOverride: { type: 'String', enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
  ProvisionedThroughputOverride: createTableRules.ProvisionedThroughput,
  GlobalSecondaryIndexOverride: createTableRules.GlobalSecondaryIndexes,
  LocalSecondaryIndexOverride: createTableRules.LocalSecondaryIndexes,
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html
  SSESpecificationOverride: {
    type: 'FieldStruct<SSESpecification>',
    children: {
      Enabled: { type: 'Boolean' },
      SSEType: { type: 'String', enum: ['AES256', 'KMS'] },
      KMSMasterKeyId: { type: 'String' },
    },
  },
};

/** The overrides of a validated restore request. */
export function restoreOverrides(data: Record<string, unknown>): RestoreOverrides {
  return {
    BillingModeOverride: data.BillingModeOverride as string | undefined,
    ProvisionedThroughputOverride:
      data.ProvisionedThroughputOverride as RestoreOverrides['ProvisionedThroughputOverride'],
    GlobalSecondaryIndexOverride: data.GlobalSecondaryIndexOverride as RestoreOverrides['GlobalSecondaryIndexOverride'],
    LocalSecondaryIndexOverride: data.LocalSecondaryIndexOverride as RestoreOverrides['LocalSecondaryIndexOverride'],
  };
}
