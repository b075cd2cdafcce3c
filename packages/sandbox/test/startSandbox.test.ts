import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxOptionError, startSandbox, type Sandbox } from '../src/index.js';
import { children } from './childProcesses.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

it('serves an unmodified DynamoDBClient: a written item reads back', async () => {
  const ddb = new DynamoDBClient({
    endpoint: sandbox.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  await ddb.send(
    new CreateTableCommand({
      TableName: 'smoke',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  await ddb.send(new PutItemCommand({ TableName: 'smoke', Item: { pk: { S: 'a' }, n: { N: '1' } } }));
  const got = await ddb.send(new GetItemCommand({ TableName: 'smoke', Key: { pk: { S: 'a' } } }));
  expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
});

it('gives an environment the AWS CLI v1 and boto3 can use: AWS_DEFAULT_REGION as well as AWS_REGION', () => {
  expect(sandbox.env).toEqual({
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'sandbox',
    AWS_SECRET_ACCESS_KEY: 'sandbox',
  });
});

/** Asserts that `start` is refused with a SandboxOptionError for `option`, and leaves no child process behind. */
async function expectRefused(start: Promise<Sandbox>, option: string, message: RegExp): Promise<void> {
  const before = children();
  const error = await start.then(
    (started) => started.stop().then(() => undefined),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxOptionError);
  expect((error as SandboxOptionError).option).toBe(option);
  expect((error as Error).message).toMatch(message);
  expect(children().filter((pid) => !before.includes(pid))).toEqual([]);
}

describe('options it cannot start with are refused before anything starts', () => {
  it('a port in use', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      await expectRefused(
        startSandbox({ port }),
        'port',
        new RegExp(`^port ${port} is in use by another process\\. Stop what listens on 127\\.0\\.0\\.1:${port}`),
      );
    } finally {
      holder.close();
    }
  });

  it('a default Region that is no AWS Region name', async () => {
    await expectRefused(startSandbox({ region: 'local' }), 'region', /^region "local" is not an AWS Region name\./);
  });

  it('a day of the recovery period that lasts no time', async () => {
    await expectRefused(startSandbox({ pitrDayMs: 0 }), 'pitrDayMs', /^pitrDayMs 0 is not a positive duration/);
  });

  it('a port that is no TCP port', async () => {
    await expectRefused(startSandbox({ port: 70_000 }), 'port', /^port 70000 is not a TCP port\. Give a whole number/);
  });

  it('a data directory that is a file, or lies under one; the file is left as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-datadir-'));
    const file = path.join(dir, 'not-a-dir');
    fs.writeFileSync(file, 'keep me');
    try {
      await expectRefused(startSandbox({ dataDir: file }), 'dataDir', /is a file, not a directory\./);
      await expectRefused(
        startSandbox({ dataDir: path.join(file, 'below') }),
        'dataDir',
        new RegExp(`cannot be created: ${file} is a file\\.`),
      );
      fs.mkdirSync(path.join(dir, 'taken'));
      fs.writeFileSync(path.join(dir, 'taken', 'dynalite'), '');
      await expectRefused(startSandbox({ dataDir: path.join(dir, 'taken') }), 'dataDir', /holds a file .*dynalite/);
      expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
      expect(fs.readdirSync(dir).sort()).toEqual(['not-a-dir', 'taken']);
      expect(fs.readdirSync(path.join(dir, 'taken'))).toEqual(['dynalite']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Step Functions time scale that is no factor, an asset directory that does not exist', async () => {
    await expectRefused(
      startSandbox({ stepFunctionsTimeScale: -1 }),
      'stepFunctionsTimeScale',
      /^stepFunctionsTimeScale -1 is not a factor of 0 or more\./,
    );
    await expectRefused(
      startSandbox({ assetDirectories: ['/nonexistent/cdk.out'] }),
      'assetDirectories',
      /^assetDirectories "\/nonexistent\/cdk.out" is not a directory\./,
    );
  });
});

it('refuses a data directory another sandbox is using, and takes over the lock of one that was killed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-datadir-'));
  try {
    const first = await startSandbox({ dataDir: dir });
    await expectRefused(
      startSandbox({ dataDir: dir }),
      'dataDir',
      new RegExp(`^dataDir "${dir}" is in use by another sandbox \\(pid ${process.pid}\\)\\. Stop that sandbox`),
    );
    const ddb = new DynamoDBClient(first.clientConfig);
    await ddb.send(new ListTablesCommand({})); // the first one still serves
    ddb.destroy();
    await first.stop();
    // A lock left by a process that is gone (killed: it could not release it).
    fs.writeFileSync(path.join(dir, 'sandbox.lock'), '999999999');
    const next = await startSandbox({ dataDir: dir });
    await next.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('stops its dynalite child on stop()', async () => {
  const before = children();
  const own = await startSandbox();
  const started = children().filter((pid) => !before.includes(pid));
  expect(started).toHaveLength(1);
  await own.stop();
  expect(children().filter((pid) => started.includes(pid))).toEqual([]);
});

it('fails loudly when its dynalite child dies: `failed` settles with the reason and the port is closed', async () => {
  const before = children();
  const own = await startSandbox();
  const [dynalite] = children().filter((pid) => !before.includes(pid));
  process.kill(dynalite as number, 'SIGKILL');
  expect((await own.failed).message).toMatch(/^dynalite was killed by SIGKILL/);
  await expect(fetch(own.endpoint)).rejects.toThrow();
  await own.stop(); // nothing left to do, and no error
});
