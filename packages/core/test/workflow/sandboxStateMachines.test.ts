import { CreateStateMachineCommand, DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultRestoreSettings } from '../../src/restore/restorePlan.js';
import { restoreStateMachineDefinition } from '../../src/workflow/restoreStateMachine.js';
import { restoreStateMachineName, syncStateMachineName } from '../../src/workflow/stateMachineNames.js';
import { syncStateMachineDefinition } from '../../src/workflow/syncStateMachine.js';

// What deploys is what the sandbox runs: both definitions pass the sandbox's CreateStateMachine, which
// refuses anything its interpreter would run wrongly (JSONata, Assign, ItemReader, unsupported resources).
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

it('the restore and sync definitions deploy to the sandbox as they would to AWS', async () => {
  const sfn = new SFNClient(sandbox.clientConfig);
  const settings = { ...defaultRestoreSettings, tableName: 'Orders', logicalName: 'Orders' };
  const arn = (name: string) => `arn:aws:states:${sandbox.region}:000000000000:stateMachine:${name}`;
  const resources = {
    handlerFunctionArn: `arn:aws:lambda:${sandbox.region}:000000000000:function:dynamo-dr-workflow`,
    syncStateMachineArn: arn(syncStateMachineName('Orders')),
  };
  const roleArn = 'arn:aws:iam::000000000000:role/dynamo-dr-workflow';
  for (const [name, definition] of [
    [syncStateMachineName('Orders'), syncStateMachineDefinition(settings, resources)],
    [restoreStateMachineName('Orders'), restoreStateMachineDefinition(settings, resources)],
  ] as const) {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name, roleArn, definition: JSON.stringify(definition) }),
    );
    expect(created.stateMachineArn).toBe(arn(name));
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(JSON.parse(described.definition ?? '')).toEqual(definition);
  }
});
