import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Sandbox } from '@dynamo-dr/sandbox';
import { expect } from 'vitest';
import { canarySet } from '../../src/drill/canaries.js';
import type { DrillReport } from '../../src/drillReports/drillReport.js';

/** Arms the corrupt-restore fault for the next restore of `table`, on the canary `label` drill `drillId` will write. */
export async function corruptNextRestore(
  sandbox: Sandbox,
  ddb: DynamoDBClient,
  table: string,
  drillId: string,
  label: string,
  action: 'drop' | 'alter',
): Promise<void> {
  const description = (await ddb.send(new DescribeTableCommand({ TableName: table }))).Table!;
  const canary = canarySet(description, drillId, 0).canaries.find((c) => c.label === label)!;
  sandbox.setFaults(table, { corruptRestore: { action, key: canary.key } });
}

/** The report failed on exactly the canary `label` of drill `drillId`, saying `how`, and on the digest. */
export function expectCanaryFailure(report: DrillReport, drillId: string, label: string, how: string): void {
  expect(report.outcome).toBe('failed');
  expect(report.verification.canaries.mismatches).toEqual([
    {
      key: expect.stringContaining(`${label} {"pk":"dynamo-dr-drill#${drillId}#`),
      problem: expect.stringContaining(how),
    },
  ]);
  expect(report.failures).toContainEqual(
    expect.stringMatching(new RegExp(`^Canary ${label} .* came back wrong: ${how}`)),
  );
  expect(report.failures).toContainEqual(expect.stringContaining('differs from the digest recorded at T'));
}
