import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
  paginateGetParametersByPath,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceSuite } from '../dynamodb/conformanceTarget.js';

// Conformance: the real SSMClient against the sandbox, or against AWS with
// DYNAMO_DR_CONFORMANCE_AWS=1. Each expectation cites the SSM API reference:
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/
const target = conformanceSuite();
let ssm: SSMClient;
let root: string;
const made = new Set<string>();

async function put(name: string, value: string, overwrite = false) {
  const result = await ssm.send(
    new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: overwrite }),
  );
  made.add(name);
  return result;
}

beforeAll(() => {
  ssm = new SSMClient(target.clientConfig);
  root = `/dynamo-dr-conformance/${target.suffix}`;
});
afterAll(async () => {
  for (const name of made) await ssm.send(new DeleteParameterCommand({ Name: name })).catch(() => {});
});

describe('SSM Parameter Store', () => {
  it('versions a parameter on each overwrite and refuses an overwrite not asked for', async () => {
    // API_PutParameter: Version 1 on create, +1 with Overwrite; ParameterAlreadyExists without it.
    const name = `${root}/versions`;
    expect((await put(name, 'one')).Version).toBe(1);
    await expect(put(name, 'again')).rejects.toBeInstanceOf(ParameterAlreadyExists);
    expect((await put(name, 'two', true)).Version).toBe(2);
    const got = await ssm.send(new GetParameterCommand({ Name: name }));
    expect(got.Parameter).toMatchObject({ Name: name, Value: 'two', Type: 'String', Version: 2 });
    expect(got.Parameter?.ARN).toMatch(/^arn:aws:ssm:[a-z0-9-]+:\d{12}:parameter\/dynamo-dr-conformance\//);
    expect(got.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('answers ParameterNotFound for a missing parameter, on get and on delete', async () => {
    // API_GetParameter and API_DeleteParameter errors: ParameterNotFound.
    await expect(ssm.send(new GetParameterCommand({ Name: `${root}/missing` }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
    await expect(ssm.send(new DeleteParameterCommand({ Name: `${root}/missing` }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
  });

  it('deletes a parameter', async () => {
    // API_DeleteParameter: afterwards GetParameter is ParameterNotFound.
    const name = `${root}/deleted`;
    await put(name, 'x');
    await ssm.send(new DeleteParameterCommand({ Name: name }));
    made.delete(name);
    await expect(ssm.send(new GetParameterCommand({ Name: name }))).rejects.toBeInstanceOf(ParameterNotFound);
  });

  it('reads a hierarchy one level deep, or all of it with Recursive, across pages', async () => {
    // API_GetParametersByPath: one level below Path unless Recursive; MaxResults 1-10 a page, then NextToken.
    const path = `${root}/tree`;
    await put(`${path}/a`, '1');
    await put(`${path}/b`, '2');
    await put(`${path}/deep/c`, '3');
    const shallow = await ssm.send(new GetParametersByPathCommand({ Path: path }));
    expect(shallow.Parameters?.map((p) => p.Name).sort()).toEqual([`${path}/a`, `${path}/b`]);
    const names: string[] = [];
    for await (const page of paginateGetParametersByPath(
      { client: ssm, pageSize: 1 },
      { Path: path, Recursive: true },
    )) {
      expect((page.Parameters ?? []).length).toBeLessThanOrEqual(1);
      names.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''));
    }
    expect(names.sort()).toEqual([`${path}/a`, `${path}/b`, `${path}/deep/c`]);
  });

  it('refuses a Standard value over 4 KB and a name prefixed "aws", creating nothing', async () => {
    // sysman-paramstore-advanced-parameters: Standard values up to 4 KB;
    // API_PutParameter Name: can't be prefixed with "aws" or "ssm".
    const name = `${root}/big`;
    await expect(put(name, 'x'.repeat(4097))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(ssm.send(new GetParameterCommand({ Name: name }))).rejects.toBeInstanceOf(ParameterNotFound);
    await expect(put('/aws/dynamo-dr-conformance', 'x')).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
