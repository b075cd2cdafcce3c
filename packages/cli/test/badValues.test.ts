import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '@dynamo-dr/core';
import { CommanderError } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.js';
import { userMessage } from '../src/fieldFlags.js';
import { runCliWith, type CliResult } from './restoreHarness.js';
import { closedPort } from '../../core/test/aws/closedPort.js';

/*
 * Bad values on the command line. The clients point at a local port nothing listens on: a command that
 * called AWS before refusing its input would fail with "Cannot reach" (exit 1) instead of the input error
 * (exit 2) these tests expect. No sandbox is needed, since nothing may be called. The defects found by hand
 * are run as a user runs them (a spawned CLI); the sweep over every command and flag runs the same command
 * line in this process, where the error the CLI would turn into exit 2 is checked to be an InputError.
 */

let root: string;
let env: NodeJS.ProcessEnv;
let endpoint: string;
const T = '2026-01-01T00:00:00Z';

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'drbad-'));
  await writeFile(path.join(root, 'a-file'), 'not a directory\n');
  await mkdir(path.join(root, 'a-dir'));
  await writeFile(path.join(root, 'aws-config'), '[profile dr]\nregion = eu-west-1\n');
  await writeFile(path.join(root, 'aws-credentials'), '');
  endpoint = `http://127.0.0.1:${await closedPort()}`;
  env = {
    PATH: process.env.PATH,
    HOME: root,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_CONFIG_FILE: path.join(root, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // The in-process runs see the same environment (the clients read it).
  Object.assign(process.env, env);
  process.chdir(await workdir());
});

/** A fresh working directory inside `root`. */
async function workdir(): Promise<string> {
  return mkdtemp(path.join(root, 'cwd-'));
}

/** The user sees one line (and a hint), never a stack trace or "This is a bug". */
function expectOneClearError(result: CliResult, code: number, first: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr.split('\n')[0]).toMatch(first);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/This is a bug/);
}

/** Runs the command line in this process (as the spawned CLI would parse and run it); resolves to its error. */
async function refusal(args: readonly string[]): Promise<unknown> {
  const program = buildProgram();
  // Commander prints its own usage errors; they are the CLI's exit 2 as well.
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  return program.parseAsync(['node', 'dynamo-dr', ...args]).then(
    () => undefined,
    (error: unknown) => error,
  );
}

const long = 'T'.repeat(256);
const restore = (...more: string[]) => ['restore', '--to', T, '--incident', 'inc-1', ...more];
const fileItems = (...more: string[]) => ['restore-items', '--confirm', 'Orders', ...more];
const diff = (...more: string[]) => ['diff', '--left', 'Orders', '--right', 'Copy', '--out', 'd.jsonl', ...more];

describe('the values found crashing the CLI are refused (exit 2) naming the flag and the value, before any call', () => {
  it.concurrent.each([
    [
      restore('--table', 'bad name!', '--confirm', 'bad name!'),
      /^error: --table "bad name!" is not a valid table name/,
    ],
    [
      restore('--table', long, '--confirm', long),
      /^error: --table "T+"\.\.\. \(256 characters\) is not a valid table name: table names have at most 255 characters/,
    ],
    [
      ['diff', '--left', 'bad table name!', '--right', 'Orders', '--out', 'd.jsonl'],
      /^error: --left "bad table name!" is not a valid table name/,
    ],
    [
      ['export', '--backup', 'not-an-arn', '--out', 'e.json'],
      /^error: --backup "not-an-arn" is not a valid backup ARN/,
    ],
    [
      [
        'restore-as',
        '--table',
        'Orders',
        '--to',
        T,
        '--target',
        'Orders-new',
        '--switch-parameter',
        'not a valid name!!',
      ],
      /^error: --switch-parameter "not a valid name!!" is not a valid SSM parameter name/,
    ],
    [diff('--endpoint-url', 'garbage'), /^error: --endpoint-url "garbage" is not an http or https URL/],
    [diff('--region', 'not a region!'), /^error: --region "not a region!" is not a valid region name/],
    [diff('--profile', 'nope'), /^error: --profile "nope" is not a profile .*Use one of: dr/],
    [fileItems('--table', 'Orders', '--from-file', '.'), /^error: --from-file "\." is a directory, not a file/],
    [
      ['export', '--table', 'Orders', '--out', 'e.json', '--incident', 'bad id!'],
      /^error: --incident "bad id!" is not a valid incident id/,
    ],
  ])('%j', async (args, first) => {
    expectOneClearError(await runCliWith(env, await workdir(), args), 2, first);
  });

  it.concurrent.each([
    [restore('--table', 'Orders', '--confirm', 'Orders')],
    [['export', '--table', 'Orders', '--out', 'e.json']],
  ])('%j --state-dir <an existing file>, before any plan is printed', async (args) => {
    const result = await runCliWith(env, await workdir(), [...args, '--state-dir', path.join(root, 'a-file')]);
    expectOneClearError(result, 2, /^error: --state-dir ".*a-file" is an existing file, not a directory/);
    expect(result.stderr).not.toMatch(/^Export /m);
  });
});

describe('what only the environment can fix is one clear line with a hint (exit 1), the stack only with --debug', () => {
  it('an endpoint with nothing listening', async () => {
    const result = await runCliWith(env, await workdir(), diff());
    expectOneClearError(result, 1, /^error: Cannot reach DynamoDB \(DescribeTable\): connect ECONNREFUSED/);
    expect(result.stderr).toMatch(/^hint: Check --endpoint-url/m);
    const debug = await runCliWith(env, await workdir(), [...diff(), '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^error: Cannot reach DynamoDB/);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });

  it('no credentials anywhere', async () => {
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...none } = env;
    const result = await runCliWith(none, await workdir(), diff());
    expectOneClearError(result, 1, /^error: DynamoDB \(DescribeTable\) has no valid AWS credentials/);
    expect(result.stderr).toMatch(/^hint: Configure credentials/m);
  });

  it('no region anywhere', async () => {
    const { AWS_REGION: _r, ...none } = env;
    const result = await runCliWith(none, await workdir(), diff());
    expectOneClearError(result, 1, /^error: DynamoDB \(DescribeTable\) has no usable AWS region/);
    expect(result.stderr).toMatch(/^hint: Pass --region/m);
  });
});

describe('every command and flag: bad values are input errors (exit 2), before any call', () => {
  it.each([
    // Names and ids AWS would reject.
    [fileItems('--table', 'bad name!', '--from-file', 'f.json'), /^--table "bad name!" is not a valid table name/],
    [['export', '--table', 'bad name!', '--out', 'e.json'], /^--table "bad name!" is not a valid table name/],
    [
      diff().map((a) => (a === 'Copy' ? 'arn:aws:dynamodb:backup' : a)),
      /^--right "arn:aws:dynamodb:backup" is not a valid backup ARN/,
    ],
    [
      ['diff', '--incident', 'inc-1', '--table', 'x/y', '--out', 'd.jsonl'],
      /^--table "x\/y" is not a valid table name/,
    ],
    [diff('--table', 'Orders'), /^--table "Orders" picks a table of an incident and needs --incident/],
    [['restore-as', '--table', 'Orders', '--to', T, '--target', 'x!'], /^--target "x!" is not a valid table name/],
    [
      ['restore-as', '--rollback', '--switch-parameter', 'not a valid name!!'],
      /^--switch-parameter "not a valid name!!"/,
    ],
    [
      ['restore-as', '--rollback', '--switch-parameter', '/aws/reserved'],
      /^--switch-parameter "\/aws\/reserved" is not/,
    ],
    [['runs', 'unlock', '--table', 'ab'], /^--table "ab" is not a valid table name: table names have at least 3/],
    [
      ['recovery-mode', 'status', '--environment', 'bad env'],
      /^--environment "bad env" is not a valid environment name/,
    ],
    [
      ['recovery-mode', 'status', '--environment', 'Prod', '--region', 'x_y'],
      /^--region "x_y" is not a valid region name/,
    ],
    [
      ['recovery-mode', 'end', '--environment', 'Prod', '--endpoint-url', 'ftp://x'],
      /^--endpoint-url "ftp:\/\/x" is not an http/,
    ],
    // One incident id rule for every command.
    [
      ['export', '--table', 'Orders', '--out', 'e.json', '--at', T, '--incident', 'bad id!'],
      /^--incident "bad id!" is not a valid incident id/,
    ],
    [
      restore('--table', 'Orders', '--confirm', 'Orders').map((a) => (a === 'inc-1' ? 'bad id!' : a)),
      /^--incident "bad id!" is not a valid incident id/,
    ],
    [
      [
        'restore-items',
        '--table',
        'Orders',
        '--to',
        T,
        '--where',
        'pk = :p',
        '--incident',
        'bad id!',
        '--confirm',
        'Orders',
      ],
      /^--incident "bad id!" is not a valid incident id/,
    ],
    [
      ['restore-as', '--table', 'Orders', '--to', T, '--target', 'Orders-new', '--incident', 'bad id!'],
      /^--incident "bad id!" is not a valid incident id/,
    ],
    [['diff', '--incident', 'bad id!', '--out', 'd.jsonl'], /^--incident "bad id!" is not a valid incident id/],
    // Derived names explain their limit.
    [
      restore('--table', 'T'.repeat(250), '--confirm', 'x'),
      /^--table "T+"\.\.\. \(250 characters\) is too long to restore: the forensic backup name TABLE-forensic-ID must fit in 255 characters, so the table name may have at most 244/,
    ],
    [
      restore('--table', 'T'.repeat(240), '--confirm', 'x').map((a) => (a === 'inc-1' ? 'incident-2025-001' : a)),
      /^--incident "incident-2025-001" is too long for table T+\.\.\. \(240 characters\).*Use an incident id of at most 5 characters/,
    ],
    // Numbers, empty strings, unknown choices.
    [
      restore('--table', 'Orders', '--confirm', 'Orders', '--segments', '0'),
      /^--segments "0" is not a whole number from 1 to 1000/,
    ],
    [
      restore('--table', 'Orders', '--confirm', 'Orders', '--restore-deadline', '-5'),
      /^--restore-deadline "-5" is not a whole number/,
    ],
    [diff('--segments', '1.5'), /^--segments "1\.5" is not a whole number/],
    [
      restore('--table', 'Orders', '--confirm', 'Orders', '--max-write-units', '0'),
      /^--max-write-units "0" is not a whole number from 1 to 1000000/,
    ],
    [
      fileItems('--table', 'Orders', '--from-file', 'f.json', '--max-read-units', '-1'),
      /^--max-read-units "-1" is not a whole number/,
    ],
    [
      ['export', '--table', 'Orders', '--out', 'e.json', '--max-read-units', 'lots'],
      /^--max-read-units "lots" is not a whole number/,
    ],
    [
      ['export', '--table', 'Orders', '--out', 'e.json', '--segments', '1e2'],
      /^--segments "1e2" is not a whole number/,
    ],
    [
      fileItems('--table', 'Orders', '--from-file', 'f.json', '--segments', 'four'),
      /^--segments "four" is not a whole number/,
    ],
    [
      ['export', '--table', 'Orders', '--out', 'e.json', '--format', 'xml'],
      /^--format "xml" is not an item file format/,
    ],
    [restore('--table', '', '--confirm', ''), /^--table is empty/],
    [
      ['restore-as', '--table', 'Orders', '--to', T, '--target', 'Orders-new', '--incident', ''],
      /^--incident is empty/,
    ],
    [['runs', 'show', ''], /^ID is empty/],
    [['export', '--table', 'Orders', '--out', ''], /^--out is required/],
    [diff('--region', ''), /^--region is empty/],
    // Files that are directories, missing, or in no directory.
    [fileItems('--table', 'Orders', '--from-file', 'missing.json'), /^--from-file "missing.json" does not exist/],
    [['export', '--table', 'Orders', '--out', '.'], /^--out "\." is a directory/],
    [diff().map((a) => (a === 'd.jsonl' ? '.' : a)), /^--out "\." is a directory/],
    [
      diff().map((a) => (a === 'd.jsonl' ? 'no/such/dir/d.jsonl' : a)),
      /^--out "no\/such\/dir\/d\.jsonl" is in a directory that does not exist/,
    ],
    [['export', 'verify', '.'], /^FILE "\." is a directory, not a file/],
    [['export', 'verify', 'missing.json'], /^FILE "missing.json" does not exist/],
    [restore('--table', 'Orders', '--confirm', 'Orders', '--config', '.'), /^--config "\." cannot be read/],
  ])('%j', async (args, message) => {
    const error = await refusal(args);
    expect(error).toBeInstanceOf(InputError);
    // As bin.ts prints it: core names the request field, the CLI its flag.
    expect(userMessage(error as Error)).toMatch(message);
  });

  it.each([
    [fileItems('--table', 'Orders', '--from-file', 'f.json')],
    [diff()],
    [['restore-as', '--table', 'Orders', '--to', T, '--target', 'Orders-new']],
    [['restore-as', '--rollback', '--switch-parameter', '/app/table']],
    [['runs', 'list']],
    [['runs', 'show', 'inc-1']],
    [['runs', 'unlock', '--table', 'Orders']],
  ])('%j --state-dir <an existing file>', async (args) => {
    const error = await refusal([...args, '--state-dir', path.join(root, 'a-file')]);
    expect(error).toBeInstanceOf(InputError);
    expect(userMessage(error as Error)).toMatch(/^--state-dir ".*a-file" is an existing file, not a directory/);
  });

  it('leaves nothing behind: no state directory, no output file, in the directory they all ran in', async () => {
    expect(await readdir(process.cwd())).toEqual([]);
  });

  it('an unknown --mode is a usage error (commander: exit 2)', async () => {
    const error = await refusal(restore('--table', 'Orders', '--confirm', 'Orders', '--mode', 'fast'));
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).message).toMatch(/argument 'fast' is invalid\. Allowed choices are delta, reset/);
  });
});
