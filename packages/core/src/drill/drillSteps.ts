import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';
import { describeTableIfExists, readRestorableWindow } from '../aws/dynamoDbCalls.js';
import { NotReadyError } from '../errors.js';
import type { RunJournal } from '../journal/runJournal.js';
import { sleep } from '../sync/backoff.js';
import { digestTable } from '../sync/digestTable.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';
import { canaryItem, canarySet, type Canary, type CanarySet } from './canaries.js';
import { deleteItem, putItem } from './canaryCalls.js';
import type { DrillPlan } from './drillPlan.js';
import { drillReference, referenceCanaries, type DrillReference } from './drillReference.js';
import { recordDrill } from './drillRun.js';
import { drillSeconds } from './drillSeconds.js';

/**
 * PITR restores to the second: AWS takes `RestoreDateTime` to the second (the AWS CLI sends whole seconds), so the
 * changes after T are made one second later, and a restore that lands a second late shows as a wrong canary.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
 */
export const GRANULARITY_SECONDS = 1;

/** The drill's canaries for the table as it is described now (their number keys derive from the drill's start). */
export async function drillCanaries(client: DynamoDBClient, plan: DrillPlan, startedAt: Date): Promise<CanarySet> {
  const description = (await describeTableIfExists(client, plan.tableName))!;
  return canarySet(description, plan.drillId, startedAt.getTime());
}

/** How far the latest restorable time trailed the drill's start, in seconds (the RPO's lag). */
export async function latestRestorableLag(client: DynamoDBClient, plan: DrillPlan, startedAt: Date): Promise<number> {
  const window = await readRestorableWindow(client, plan.tableName);
  return drillSeconds(startedAt.getTime() - (window.latest?.getTime() ?? startedAt.getTime()));
}

/**
 * Writes canaries 1–3, takes T as the next whole second after the last write, records the table's digest at T (a
 * scan of the live table, the honest reference: it owes nothing to the restore under test) in the journal (and T
 * as the run's time, unless the plan recovers to an earlier drill's), then, one granularity after T, changes
 * canary 2, deletes canary 3 and writes canary 4. Returns what this drill recorded at T.
 */
export async function plantCanaries(
  client: DynamoDBClient,
  plan: DrillPlan,
  set: CanarySet,
  journal: RunJournal,
): Promise<DrillReference> {
  const atT = new Map<Canary, Item | undefined>();
  for (const canary of set.beforeT) {
    const item = canaryItem(canary, plan.drillId, 1, new Date());
    await putItem(client, plan.tableName, item);
    atT.set(canary, item);
  }
  atT.set(set.writtenAfterT, undefined);
  const pointInTime = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
  await sleepUntil(pointInTime);
  const own = drillReference(plan.drillId, pointInTime, await digestTable({ client, tableName: plan.tableName }), atT);
  await recordDrill(
    journal,
    plan,
    (t) => ({ ...t, drill: { ...t.drill, reference: own } }),
    plan.reference ? undefined : pointInTime,
  );
  await sleepUntil(new Date(pointInTime.getTime() + GRANULARITY_SECONDS * 1000));
  await putItem(client, plan.tableName, canaryItem(set.changedAfterT, plan.drillId, 2, new Date()));
  await deleteItem(client, plan.tableName, set.deletedAfterT.key);
  await putItem(client, plan.tableName, canaryItem(set.writtenAfterT, plan.drillId, 1, new Date()));
  return own;
}

/**
 * What the drill verifies against: the reference it recovers to (an earlier drill's, or its own) and every canary
 * as it was then — recovered to an earlier drill's time, this drill's canaries did not exist yet.
 */
export function drillExpectations(
  plan: DrillPlan,
  set: CanarySet,
  own: DrillReference,
): { reference: DrillReference; expected: Map<Canary, Item | undefined> } {
  if (!plan.reference) return { reference: own, expected: ownCanaries(set, own) };
  return {
    reference: plan.reference,
    expected: new Map([...referenceCanaries(plan.reference), ...set.canaries.map((c) => [c, undefined] as const)]),
  };
}

/** This drill's canaries (with their index attributes) and what each held at its own T. */
function ownCanaries(set: CanarySet, own: DrillReference): Map<Canary, Item | undefined> {
  const recorded = new Map([...referenceCanaries(own)].map(([c, item]) => [c.label, item]));
  return new Map(set.canaries.map((c) => [c, recorded.get(c.label)] as const));
}

/** Resolves once T is restorable (AWS's latest restorable time trails now by about five minutes). */
export async function restorableAt(
  client: DynamoDBClient,
  tableName: string,
  pointInTime: Date,
  deadline: string,
): Promise<void> {
  const window = await readRestorableWindow(client, tableName);
  if (window.latest && window.latest >= pointInTime) return;
  assertBeforeDeadline(deadline, `${pointInTime.toISOString()} to become restorable`);
  throw new NotReadyError(`${pointInTime.toISOString()} is not restorable yet.`);
}

async function sleepUntil(at: Date): Promise<void> {
  const wait = at.getTime() - Date.now();
  if (wait > 0) await sleep(wait);
}
