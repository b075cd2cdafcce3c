import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  InvalidDefinition,
  ListStateMachinesCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLE_ARN, functionArn, startStepFunctions, type StepFunctionsKit } from './stepFunctionsTestKit.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

// The real SFNClient against the sandbox's Step Functions; each expectation follows the API reference
// (https://docs.aws.amazon.com/step-functions/latest/apireference/).
let kit: StepFunctionsKit;
beforeAll(async () => {
  kit = await startStepFunctions({});
});
afterAll(() => kit.stop());

const passDefinition = (result: string) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

const names = async () =>
  ((await kit.sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []).map((m) => m.name);

it('refuses an invalid definition with InvalidDefinition naming the problem, and creates nothing', async () => {
  const definition = JSON.stringify({ StartAt: 'Missing', States: { P: { Type: 'Pass', End: true } } });
  const refused = kit.sfn.send(new CreateStateMachineCommand({ name: 'bad', definition, roleArn: ROLE_ARN }));
  await expect(refused).rejects.toBeInstanceOf(InvalidDefinition);
  await expect(refused).rejects.toThrow(/MISSING_TRANSITION_TARGET.*Missing/);
  expect(await names()).not.toContain('bad');
});

it('refuses JSONata and resources it cannot run instead of running them wrongly', async () => {
  const jsonata = JSON.stringify({
    QueryLanguage: 'JSONata',
    StartAt: 'P',
    States: { P: { Type: 'Pass', Output: '{% $states.input %}', End: true } },
  });
  await expect(
    kit.sfn.send(new CreateStateMachineCommand({ name: 'jsonata', definition: jsonata, roleArn: ROLE_ARN })),
  ).rejects.toThrow(/cannot run this definition: QueryLanguage JSONata/);
  const sqs = JSON.stringify({
    StartAt: 'Send',
    States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
  });
  await expect(
    kit.sfn.send(new CreateStateMachineCommand({ name: 'sqs', definition: sqs, roleArn: ROLE_ARN })),
  ).rejects.toThrow(/Resource arn:aws:states:::sqs:sendMessage at \/States\/Send/);
  expect(await names()).not.toContain('jsonata');
  expect(await names()).not.toContain('sqs');
});

it('is idempotent for the same definition and refuses the same name with another one', async () => {
  const first = await kit.sfn.send(
    new CreateStateMachineCommand({ name: 'twice', definition: passDefinition('a'), roleArn: ROLE_ARN }),
  );
  const again = await kit.sfn.send(
    new CreateStateMachineCommand({ name: 'twice', definition: passDefinition('a'), roleArn: ROLE_ARN }),
  );
  expect(again.stateMachineArn).toBe(first.stateMachineArn);
  expect(first.stateMachineArn).toBe(`arn:aws:states:us-east-1:${SANDBOX_ACCOUNT}:stateMachine:twice`);
  await expect(
    kit.sfn.send(new CreateStateMachineCommand({ name: 'twice', definition: passDefinition('b'), roleArn: ROLE_ARN })),
  ).rejects.toBeInstanceOf(StateMachineAlreadyExists);
});

it('describes, updates and deletes a machine', async () => {
  const definition = JSON.stringify({
    StartAt: 'Call',
    States: { Call: { Type: 'Task', Resource: functionArn('f'), End: true } },
  });
  const { stateMachineArn } = await kit.sfn.send(
    new CreateStateMachineCommand({ name: 'lifecycle', definition, roleArn: ROLE_ARN }),
  );
  const described = await kit.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  expect(described).toMatchObject({
    name: 'lifecycle',
    definition,
    roleArn: ROLE_ARN,
    status: 'ACTIVE',
    type: 'STANDARD',
  });

  const otherRole = `arn:aws:iam::${SANDBOX_ACCOUNT}:role/other`;
  await kit.sfn.send(
    new UpdateStateMachineCommand({ stateMachineArn, definition: passDefinition('new'), roleArn: otherRole }),
  );
  expect(await kit.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).toMatchObject({
    definition: passDefinition('new'),
    roleArn: otherRole,
  });
  await expect(
    kit.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: '{"StartAt":' })),
  ).rejects.toThrow(/INVALID_JSON_DESCRIPTION/);
  expect((await kit.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition).toBe(
    passDefinition('new'),
  );

  await kit.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  await expect(kit.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).rejects.toBeInstanceOf(
    StateMachineDoesNotExist,
  );
  expect(await names()).not.toContain('lifecycle');
});
