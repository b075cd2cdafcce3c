import { CreateStateMachineCommand, DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultRestoreSettings } from '../../src/restore/restorePlan.js';
import { restoreStateMachineDefinition, syncStateMachineDefinition } from '../../src/restore/restoreStateMachines.js';
import { restoreStateMachineName, syncStateMachineName } from '../../src/workflow/stateMachineNames.js';

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
  const create = async (name: string, definition: object) => {
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name,
        roleArn: 'arn:aws:iam::111122223333:role/dynamo-dr-workflow',
        definition: JSON.stringify(definition),
      }),
    );
    expect(created.stateMachineArn).toMatch(
      new RegExp(`^arn:aws:states:${sandbox.region}:\\d{12}:stateMachine:${name}$`),
    );
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(JSON.parse(described.definition ?? '')).toEqual(definition);
    return created.stateMachineArn ?? '';
  };
  // The child first: its ARN goes into the parent, as a deployment wires them. The function is any account's.
  const handlerFunctionArn = `arn:aws:lambda:${sandbox.region}:111122223333:function:dynamo-dr-workflow`;
  const childArn = await create(
    syncStateMachineName('Orders'),
    syncStateMachineDefinition(settings, { handlerFunctionArn, syncStateMachineArn: '' }),
  );
  await create(
    restoreStateMachineName('Orders'),
    restoreStateMachineDefinition(settings, { handlerFunctionArn, syncStateMachineArn: childArn }),
  );
});
