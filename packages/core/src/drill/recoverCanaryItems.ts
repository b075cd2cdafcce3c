import { measuredRto } from '../runs/runRecord.js';
import { planPointInTimeItems } from '../restoreItems/planRestoreItems.js';
import { runRestoreItems } from '../restoreItems/runRestoreItems.js';
import type { RestoreItemsRun } from '../restoreItems/restoreItemsRun.js';
import { runOfKind } from '../runs/tableRun.js';
import { CANARY_BODY } from './canaries.js';
import type { DrillPlan } from './drillPlan.js';
import { drillSeconds } from './drillSeconds.js';
import type { Recovery } from './drillScenarios.js';
import type { DrillContext, RunDrillOptions } from './runDrill.js';

/**
 * items, as the runbook does it on the day: once the canaries were changed, deleted and written after T, a
 * selective restore (`restore-items`) of just the canaries from T into the table itself — changed ones overwritten,
 * ones that did not exist at T deleted — and nothing else. The selection is the canaries' body, which names the
 * drill, so it fits any key type; recovered to an earlier drill's time, that drill's canaries are selected too. A
 * selection of more items than the `canaries` means the restore touched items that are no canary. Its phases are
 * the selective restore's own (the temporary table's restore, the sync, the read-back), from the journal.
 */
export async function recoverCanaryItems(
  ctx: DrillContext,
  plan: DrillPlan,
  pointInTime: Date,
  canaries: number,
  options: RunDrillOptions,
): Promise<Recovery> {
  const { incidentId, settings } = plan.items!;
  const drills = [plan.drillId, ...(plan.reference ? [plan.reference.drillId] : [])];
  const itemsPlan = await planPointInTimeItems(ctx.source, ctx.journal, {
    settings,
    incidentId,
    pitrBackupTime: pointInTime.toISOString(),
    confirmation: plan.tableName,
    selection: {
      where: drills.map((_, i) => `contains(#body, :drill${i})`).join(' OR '),
      names: JSON.stringify({ '#body': CANARY_BODY }),
      values: JSON.stringify(Object.fromEntries(drills.map((id, i) => [`:drill${i}`, ` of drill ${id}, `]))),
    },
    overwriteChanged: true,
    deleteMissing: true,
  });
  const { preview } = await runRestoreItems(
    { dynamodb: ctx.source, aws: ctx.aws, journal: ctx.journal, startedBy: ctx.startedBy },
    itemsPlan,
    { pollIntervalMs: options.pollIntervalMs },
  );
  const rto = measuredRto(
    runOfKind<RestoreItemsRun>(await ctx.journal.getRun(incidentId), 'restore-items')!,
    plan.tableName,
  );
  const phases = Object.fromEntries(
    (['restore', 'sync', 'verify'] as const).flatMap((p) => (rto[p] === undefined ? [] : [[p, drillSeconds(rto[p])]])),
  );
  const problems =
    preview.selected > canaries
      ? [
          `The selective restore selected ${preview.selected} items, ${preview.selected - canaries} more than the ${canaries} canaries: it touched items that are no canary.`,
        ]
      : [];
  return { tableName: plan.tableName, seconds: drillSeconds(rto.total ?? 0), phases, problems };
}
