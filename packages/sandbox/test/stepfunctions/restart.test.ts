import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, expect, it } from 'vitest';
import { INTERRUPTED_CAUSE } from '../../src/stepfunctions/stepFunctionsStore.js';
import { ROLE_ARN, closedExecution, startStepFunctions } from './stepFunctionsTestKit.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'ddr-sfn-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('with a data directory, machines and closed executions survive a restart and running ones are failed', async () => {
  const before = await startStepFunctions({}, { dataDir, timeScale: 1 });
  const { stateMachineArn } = await before.sfn.send(
    new CreateStateMachineCommand({
      name: 'survivor',
      roleArn: ROLE_ARN,
      definition: JSON.stringify({
        StartAt: 'Route',
        States: {
          Route: {
            Type: 'Choice',
            Choices: [{ Variable: '$.hold', BooleanEquals: true, Next: 'Hold' }],
            Default: 'Done',
          },
          Hold: { Type: 'Wait', Seconds: 3600, End: true },
          Done: { Type: 'Pass', Result: 'done', End: true },
        },
      }),
    }),
  );
  const quick = await before.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"hold":false}' }));
  await closedExecution(before.sfn, quick.executionArn ?? '');
  const held = await before.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"hold":true}' }));
  await before.stop();

  const after = await startStepFunctions({}, { dataDir, timeScale: 1 });
  try {
    const machines = await after.sfn.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines?.map((m) => m.name)).toEqual(['survivor']);
    expect(await after.sfn.send(new DescribeExecutionCommand({ executionArn: quick.executionArn }))).toMatchObject({
      status: 'SUCCEEDED',
      output: '"done"',
    });
    const interrupted = await after.sfn.send(new DescribeExecutionCommand({ executionArn: held.executionArn }));
    expect(interrupted).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: INTERRUPTED_CAUSE });
    const events = (await after.sfn.send(new GetExecutionHistoryCommand({ executionArn: held.executionArn }))).events;
    expect(events?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'WaitStateEntered',
      'ExecutionFailed',
    ]);
  } finally {
    await after.stop();
  }
});
