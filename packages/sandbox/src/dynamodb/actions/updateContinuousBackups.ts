import { AwsError } from '../../awsError.js';
import { backupSourceTable } from '../liveTable.js';
import { continuousBackupsDescription } from '../restorableWindow.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';
import { TABLE_NAME } from '../dynaliteRules.js';

const RULES = {
  TableName: TABLE_NAME,
  PointInTimeRecoverySpecification: {
    type: 'FieldStruct<PointInTimeRecoverySpecification>',
    notNull: true,
    children: {
      PointInTimeRecoveryEnabled: { type: 'Boolean', notNull: true },
      RecoveryPeriodInDays: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 35 },
    },
  },
};

/**
 * UpdateContinuousBackups turns PITR on or off. Turning it on (again) starts
 * the restorable window now; while on, a new RecoveryPeriodInDays (1–35,
 * default 35) applies to the same window.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
 */
export async function updateContinuousBackups(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, RULES);
  const spec = data.PointInTimeRecoverySpecification as {
    PointInTimeRecoveryEnabled: boolean;
    RecoveryPeriodInDays?: number;
  };
  const { instance } = await backupSourceTable(ctx, data.TableName as string);
  if (ctx.store.isCreating(instance)) {
    throw new AwsError(
      'ContinuousBackupsUnavailableException',
      `Backups are not yet available for table ${instance.name}: it is being created.`,
    );
  }
  instance.pitr = spec.PointInTimeRecoveryEnabled
    ? {
        enabledMs: instance.pitr?.enabledMs ?? ctx.store.now(),
        recoveryPeriodInDays: spec.RecoveryPeriodInDays ?? 35,
      }
    : undefined;
  ctx.store.save();
  return { ContinuousBackupsDescription: continuousBackupsDescription(ctx.store, instance) };
}
