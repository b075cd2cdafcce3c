import { spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsResources, createSampleTable, timeBetweenWrites } from '../../core/test/restore/restoreFixtures.js';
import { cliArgv } from './cliArgv.js';

// Without --confirm, on a terminal, `restore` asks the operator to type the table name. The terminal is a real
// pseudo-terminal made by util-linux's `script` (Debian's essential bsdutils package), so the prompt library reads
// keystrokes exactly as it would from a person.
const TABLE = 'Prod-Ledger-QRS';

let sandbox: Sandbox;
let client: DynamoDBClient;
let t: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(client, TABLE, 10);
  t = await timeBetweenWrites();
});
afterAll(() => sandbox.stop());

/** Runs `dynamo-dr restore --dry-run` without --confirm on a terminal, typing `answer` at the prompt. */
function restoreOnTerminal(cwd: string, answer: string): Promise<{ code: number | null; screen: string }> {
  const command = [
    process.execPath,
    ...cliArgv('restore', '--table', TABLE, '--to', t, '--incident', 'inc-tty', '--dry-run'),
  ]
    .map((part) => `'${part}'`)
    .join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd,
    env: { ...process.env, ...sandbox.env, NODE_NO_WARNINGS: '1', TERM: 'dumb' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let answered = false;
  const onOutput = (chunk: Buffer) => {
    screen += chunk.toString();
    if (!answered && screen.includes('Type the table name to confirm')) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen })));
}

describe('dynamo-dr restore asks for the table name on a terminal', () => {
  it('goes on when the operator types the exact name', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'drtty-'));
    const before = await awsResources(client);
    const { code, screen } = await restoreOnTerminal(dir, TABLE);
    expect(screen).toContain(`This rolls ${TABLE} back in place`);
    expect(code).toBe(0);
    expect(screen).toContain(`${TABLE}-dr-inc-tty`); // the dry run's plan: the temporary table's name
    expect(await awsResources(client)).toEqual(before);
  });

  it('refuses a name typed in another letter case, with exit 2, and changes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'drtty-'));
    const before = await awsResources(client);
    const { code, screen } = await restoreOnTerminal(dir, TABLE.toLowerCase());
    expect(code).toBe(2);
    expect(screen).toMatch(/differs in letter case from the table name "Prod-Ledger-QRS"/);
    expect(await awsResources(client)).toEqual(before);
    await expect(readdir(path.join(dir, '.dynamo-dr'))).rejects.toThrow(/ENOENT/);
  });
});
