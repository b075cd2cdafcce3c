import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planExport } from '../export/planExport.js';
import { runExport } from '../export/runExport.js';
import type { DrillPlan } from './drillPlan.js';
import { drillSeconds } from './drillSeconds.js';
import type { Recovery } from './drillScenarios.js';
import type { DrillContext, RunDrillOptions } from './runDrill.js';

/**
 * export, as the runbook does it (the audit's "what did the table hold at T"): `dynamo-dr export --at T` of the
 * table (a PITR restore into a temporary table, scanned into a DynamoDB JSON file with its manifest, the temporary
 * table deleted), measured from the request to the complete file. The file goes to a directory of its own under
 * the system's temporary directory; the drill removes it with {@link removeExportFile}.
 */
export async function exportAtPointInTime(
  ctx: DrillContext,
  plan: DrillPlan,
  pointInTime: Date,
  options: RunDrillOptions,
): Promise<Recovery> {
  const directory = await mkdtemp(path.join(tmpdir(), `dynamo-dr-${plan.drillId}-`));
  try {
    const exportPlan = await planExport(ctx.source, {
      tableName: plan.tableName,
      at: pointInTime.toISOString(),
      out: path.join(directory, `${plan.tableName}.jsonl`),
      incidentId: plan.export!.incidentId,
    });
    const started = Date.now();
    await runExport(
      { dynamodb: ctx.source, aws: ctx.aws, journal: ctx.journal, startedBy: ctx.startedBy },
      exportPlan,
      { pollIntervalMs: options.pollIntervalMs },
    );
    const seconds = drillSeconds(Date.now() - started);
    return { tableName: plan.tableName, seconds, phases: { export: seconds }, exportFile: exportPlan.out };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** Removes a drill's export file, its manifest and the directory made for them. */
export async function removeExportFile(file: string): Promise<void> {
  await rm(path.dirname(file), { recursive: true, force: true });
}
