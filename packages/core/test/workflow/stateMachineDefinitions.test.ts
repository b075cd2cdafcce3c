import { createRequire } from 'node:module';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { restoreStateMachineDefinition, syncStateMachineDefinition } from '../../src/restore/restoreStateMachines.js';
import { restoreTimeoutSeconds, SYNC_TIMEOUT_SECONDS } from '../../src/restore/restoreWorkflow.js';
import { restoreStateMachineName, syncStateMachineName } from '../../src/workflow/stateMachineNames.js';
import { localWorkflowResources } from '../../src/workflow/workflowResources.js';
import { pollRetry, type AslDefinition, type AslState } from '../../src/workflow/aslStates.js';
import { defaultRestoreSettings } from '../../src/restore/restorePlan.js';
import { installPromiseWithResolvers } from './promiseWithResolvers.js';

const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (sep?: string) => string };

const settings = { ...defaultRestoreSettings, tableName: 'Prod-ProviderTable-ABC', logicalName: 'ProviderTable' };
const resources = {
  handlerFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:dynamo-dr-workflow',
  syncStateMachineArn: 'arn:aws:states:eu-west-1:111122223333:stateMachine:ProviderTableDRSyncTableDataStateMachine',
};
const parent = restoreStateMachineDefinition(settings, resources);
const child = syncStateMachineDefinition(settings, resources);
const resetChild = syncStateMachineDefinition({ ...settings, mode: 'reset' }, resources);

/** Every state at every depth, with its name. */
function allStates(definition: { States: Record<string, AslState> }): [string, AslState][] {
  return Object.entries(definition.States).flatMap(([name, state]) => [
    [name, state] as [string, AslState],
    ...[...((state.Branches as AslDefinition[]) ?? []), state.ItemProcessor as AslDefinition]
      .filter(Boolean)
      .flatMap(allStates),
  ]);
}

describe('the state machine definitions', () => {
  it.each([
    ['restore', parent],
    ['sync (delta)', child],
    ['sync (reset)', resetChild],
  ])('the %s definition passes asl-validator, ARNs and paths included', (_, definition) => {
    const result = aslValidator(JSON.parse(JSON.stringify(definition)), { checkArn: true, checkPaths: true });
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it("carry the recovery workflow's names per table", () => {
    expect(restoreStateMachineName('ProviderTable')).toBe('DRRestoreDynamoDbTableProviderTableStateMachine');
    expect(syncStateMachineName('ProviderTable')).toBe('ProviderTableDRSyncTableDataStateMachine');
    expect(localWorkflowResources(settings).syncStateMachineArn).toMatch(
      /:stateMachine:ProviderTableDRSyncTableDataStateMachine$/,
    );
  });

  it('use unique state names and JSONPath only (the local runner ignores JSONata)', () => {
    for (const definition of [parent, child, resetChild]) {
      const names = allStates(definition).map(([name]) => name);
      expect(new Set(names).size).toBe(names.length);
      expect(JSON.stringify(definition)).not.toMatch(/JSONata|\{%|"Assign"|"Arguments"|ItemReader/);
    }
  });

  it('give every Task an explicit timeout, and the parent outlives the child', () => {
    for (const definition of [parent, child]) {
      for (const [, state] of allStates(definition).filter(([, s]) => s.Type === 'Task')) {
        expect(state.TimeoutSeconds).toBeGreaterThan(0);
      }
    }
    const syncTask = parent.States.SyncTableData!;
    expect(child.TimeoutSeconds).toBe(SYNC_TIMEOUT_SECONDS);
    expect(syncTask.TimeoutSeconds).toBeGreaterThan(SYNC_TIMEOUT_SECONDS);
    expect(parent.TimeoutSeconds).toBe(restoreTimeoutSeconds(settings));
    expect(parent.TimeoutSeconds).toBeGreaterThan(syncTask.TimeoutSeconds as number);
  });

  it('fans the sync out with a Distributed Map over scan segments: delta, or empty then copy (reset)', () => {
    const mapsOf = (definition: AslDefinition) => allStates(definition).filter(([, s]) => s.Type === 'Map');
    expect(mapsOf(child).map(([n]) => n)).toEqual(['DeltaSyncTableData', 'VerifyTableSegments']);
    expect(mapsOf(resetChild).map(([n]) => n)).toEqual([
      'EmptyDestinationTable',
      'CopyRestoredData',
      'VerifyTableSegments',
    ]);
    for (const [, map] of [...mapsOf(child), ...mapsOf(resetChild)]) {
      expect((map.ItemProcessor as { ProcessorConfig: unknown }).ProcessorConfig).toEqual({
        Mode: 'DISTRIBUTED',
        ExecutionType: 'STANDARD',
      });
      expect(map.ItemsPath).toBe('$.segments');
    }
    expect(resetChild.States.EmptyDestinationTable!.Next).toBe('CopyRestoredData');
  });

  it('calls an unfinished sync segment again with the write pace its last call returned', async () => {
    installPromiseWithResolvers();
    const copy: AslState = { ...resetChild.States.CopyRestoredData!, End: true };
    delete copy.Next;
    const machine = new StateMachine({ StartAt: 'Copy', States: { Copy: copy } } as unknown as StateMachineDefinition);
    const calls: { segment: number; pace: unknown }[] = [];
    const copySegment = (event: { segment: number; pace: unknown }) => {
      calls.push({ segment: event.segment, pace: event.pace });
      const call = calls.filter((c) => c.segment === event.segment).length;
      return call < 3
        ? { done: false, pace: { writeUnitsPerSecond: 100 * event.segment + call } }
        : { done: true, pace: {} };
    };
    const run = machine.run(
      { plan: { tableName: 't' }, deadline: 'd', requestedTime: 'r', segments: [0, 1] } as never,
      {
        overrides: { taskResourceLocalHandlers: { CopyRestoredSegment: copySegment } as never },
      },
    );
    await run.result;
    for (const segment of [0, 1]) {
      expect(calls.filter((c) => c.segment === segment).map((c) => c.pace)).toEqual([
        {},
        { writeUnitsPerSecond: 100 * segment + 1 },
        { writeUnitsPerSecond: 100 * segment + 2 },
      ]);
    }
  });

  it('backs up and restores in parallel, before the sync, polling with exponential backoff up to the deadline', () => {
    const parallel = parent.States.BackupAndRestoreInParallel!;
    expect(parallel.Type).toBe('Parallel');
    expect(parallel.Next).toBe('SyncTableData');
    const retry = pollRetry(settings.restoreDeadlineMinutes * 60) as {
      IntervalSeconds: number;
      BackoffRate: number;
      MaxDelaySeconds: number;
      MaxAttempts: number;
    };
    expect(retry.BackoffRate).toBe(2);
    // The waits AWS makes add up to at least the deadline, so the handler's own deadline check ends the polling.
    let total = 0;
    for (let i = 0; i < retry.MaxAttempts; i++)
      total += Math.min(retry.MaxDelaySeconds, retry.IntervalSeconds * 2 ** i);
    expect(total).toBeGreaterThanOrEqual(settings.restoreDeadlineMinutes * 60);
  });

  it("takes exactly the recovery workflow's input contract and bakes the table settings in", () => {
    expect(parent.States.ValidateRestoreInput!.Parameters).toEqual({
      handler: 'validateRestoreInput',
      'input.$': '$',
      settings,
    });
  });
});
