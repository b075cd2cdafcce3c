import {
  createDynamoDbClient,
  defaultRestoreSettings,
  FileRunJournal,
  parseSegmentCount,
  planDiff,
  runDiff,
} from '@dynamo-dr/core';
import type { DiffCommandOptions } from './register.js';

/**
 * `dynamo-dr diff`: writes every added, removed and changed item (both
 * versions) to `--out` and prints the counts. Thin over core's planDiff and runDiff.
 */
export async function diff(opts: DiffCommandOptions): Promise<void> {
  const segments = parseSegmentCount('--segments', opts.segments, defaultRestoreSettings.segments);
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir', { forWriting: false });
  const dynamodb = createDynamoDbClient({ region: opts.region, profile: opts.profile, endpoint: opts.endpointUrl });
  const plan = await planDiff(dynamodb, journal, {
    incidentId: opts.incident,
    table: opts.table,
    left: opts.left,
    right: opts.right,
    out: opts.out,
    segments,
  });
  if (!opts.json) console.error(`Comparing ${plan.left.spec} (left) with ${plan.right.spec} (right)...`);
  const { counts, manifest } = await runDiff(dynamodb, plan);
  if (opts.json) {
    console.log(
      JSON.stringify({ left: plan.left.spec, right: plan.right.spec, out: plan.out, counts, manifest }, null, 2),
    );
    return;
  }
  console.error(
    [
      `added     ${counts.added}   (only in ${plan.right.spec})`,
      `removed   ${counts.removed}   (only in ${plan.left.spec})`,
      `changed   ${counts.changed}`,
      `unchanged ${counts.unchanged}`,
      `Wrote ${manifest.itemCount} change(s) to ${plan.out} (manifest ${plan.out}.manifest.json).`,
      plan.incidentId
        ? `To put the thrown-away writes back: dynamo-dr restore-items --table ${plan.right.spec} --from-file ${plan.out} --delete-missing`
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
