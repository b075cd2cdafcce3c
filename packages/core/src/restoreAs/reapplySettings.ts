import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { awaitTableActive } from '../tableRestore/awaitTableActive.js';
import { untilReady } from '../workflow/untilReady.js';
import type { SettingName, SettingReport } from './restoreAsPlan.js';
import {
  addTags,
  enablePitr,
  enableStream,
  enableTtl,
  protectFromDeletion,
  readTableSettings,
  type TableSettings,
} from './tableSettings.js';

/**
 * Applies to the new table each setting the source has and it lacks, then describes the new table and
 * reports each setting as copied only if it reads back equal. One failure does not stop the others.
 */
export async function reapplySettings(
  client: DynamoDBClient,
  target: TableDescription,
  source: TableSettings,
  deadline: string,
): Promise<SettingReport[]> {
  const name = target.TableName!;
  // UpdateTable leaves the table UPDATING; the next change must wait for ACTIVE.
  const settle = () => untilReady(() => awaitTableActive(client, name, deadline), 200);
  const steps: [SettingName, unknown, (() => Promise<unknown>) | undefined][] = [
    ['ttl', source.ttlAttribute, source.ttlAttribute ? () => enableTtl(client, name, source.ttlAttribute!) : undefined],
    [
      'stream',
      source.streamViewType,
      source.streamViewType ? () => enableStream(client, name, source.streamViewType!).then(settle) : undefined,
    ],
    [
      'tags',
      sortedTags(source.tags),
      source.tags.length ? () => addTags(client, target.TableArn!, source.tags) : undefined,
    ],
    [
      'pitr',
      source.pitrRecoveryPeriodInDays,
      source.pitrRecoveryPeriodInDays ? () => enablePitr(client, name, source.pitrRecoveryPeriodInDays!) : undefined,
    ],
    [
      'deletionProtection',
      source.deletionProtection || undefined,
      source.deletionProtection ? () => protectFromDeletion(client, name).then(settle) : undefined,
    ],
  ];
  const failures = new Map<SettingName, string>();
  // A resumed run finds some settings already there: applying them again would fail (e.g. TTL already enabled).
  const before = await readTableSettings(client, target);
  for (const [setting, value, apply] of steps) {
    if (!apply || JSON.stringify(readBack(setting, before)) === JSON.stringify(value)) continue;
    try {
      await apply();
    } catch (error) {
      failures.set(setting, `${(error as Error).name}: ${(error as Error).message}`);
    }
  }
  const after = await readTableSettings(client, await settle());
  const reports = steps.map(([setting, value]): SettingReport => {
    if (value === undefined) return { setting, status: 'not-set-on-source' };
    const failure = failures.get(setting);
    if (failure) return { setting, status: 'failed', value, reason: failure };
    const now = readBack(setting, after);
    if (JSON.stringify(now) !== JSON.stringify(value)) {
      return {
        setting,
        status: 'failed',
        value,
        reason: `applied, but the new table reports ${JSON.stringify(now ?? null)}`,
      };
    }
    return { setting, status: 'copied', value };
  });
  return [...reports, autoscaling(source)];
}

function readBack(setting: SettingName, settings: TableSettings): unknown {
  switch (setting) {
    case 'ttl':
      return settings.ttlAttribute;
    case 'stream':
      return settings.streamViewType;
    case 'tags':
      return sortedTags(settings.tags);
    case 'pitr':
      return settings.pitrRecoveryPeriodInDays;
    default:
      return settings.deletionProtection || undefined;
  }
}

function sortedTags(tags: TableSettings['tags']): TableSettings['tags'] | undefined {
  if (!tags.length) return undefined;
  return [...tags].sort((a, b) => (a.Key! < b.Key! ? -1 : 1)).map(({ Key, Value }) => ({ Key, Value }));
}

/**
 * Application Auto Scaling is another service and API; dynamo-dr does not read it (on-demand tables have no
 * autoscaling at all).
 */
function autoscaling(source: TableSettings): SettingReport {
  if (source.billingMode === 'PAY_PER_REQUEST') {
    return { setting: 'autoscaling', status: 'not-set-on-source', reason: 'on-demand capacity: nothing to scale' };
  }
  return {
    setting: 'autoscaling',
    status: 'not-checked',
    reason:
      'provisioned table: copy its scalable targets and policies by hand (aws application-autoscaling describe-scalable-targets --service-namespace dynamodb --resource-id table/SOURCE)',
  };
}
