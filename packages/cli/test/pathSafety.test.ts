import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../core/test/journal/filesUnder.js';
import { runCliWith } from './restoreHarness.js';

/*
 * Values that become file names under the state directory (run ids, table names, incident ids), run as a
 * user runs them: in a directory holding files that a climbing name would reach. Nothing outside the state
 * directory may be read, written or deleted. (A NUL byte cannot be passed on a command line; the journal's
 * own tests pass one.)
 */

const SECRET = '{"secret": "do not print"}';

/** A project directory with a package.json and a secret beside the default state directory `.dynamo-dr`. */
async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'drpathcli-'));
  await writeFile(path.join(dir, 'package.json'), '{"name": "sentinel"}\n');
  await writeFile(path.join(dir, 'secret.json'), `${SECRET}\n`);
  return dir;
}

const env = () => ({
  PATH: process.env.PATH,
  HOME: tmpdir(),
  // Nothing listens here: a command that called AWS instead of refusing would fail with exit 1.
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

const T = '2026-01-01T00:00:00Z';

describe('names that would climb out of the state directory are refused (exit 2) and touch nothing', () => {
  it.concurrent.each([
    [['runs', 'unlock', '--table', '../../package'], /^error: --table "\.\.\/\.\.\/package" is not a valid table name/],
    [['runs', 'unlock', '--table', '__DIR__/package'], /^error: --table ".*\/package" is not a valid table name/],
    [
      ['runs', 'unlock', '--table', 'T'.repeat(300)],
      /^error: --table "T+"\.\.\. \(300 characters\) is not a valid table name/,
    ],
    [['runs', 'show', '../../secret'], /^error: ID "\.\.\/\.\.\/secret" is not a valid run id/],
    [['runs', 'show', '__DIR__/secret'], /^error: ID ".*\/secret" is not a valid run id/],
    [['runs', 'show', 'i'.repeat(300)], /^error: ID "i+"\.\.\. \(300 characters\) is not a valid run id/],
    [
      ['diff', '--incident', '../../secret', '--out', 'd.jsonl'],
      /^error: --incident "\.\.\/\.\.\/secret" is not a valid incident id/,
    ],
    [
      ['restore', '--table', '../../package', '--confirm', '../../package', '--to', T, '--incident', 'inc-1'],
      /^error: --table "\.\.\/\.\.\/package" is not a valid table name/,
    ],
    [
      ['restore', '--table', 'Orders', '--confirm', 'Orders', '--to', T, '--incident', '../../secret'],
      /^error: --incident "\.\.\/\.\.\/secret" is not a valid incident id/,
    ],
    [
      ['export', '--table', 'Orders', '--out', 'e.json', '--incident', '../../secret'],
      /^error: --incident "\.\.\/\.\.\/secret" is not a valid incident id/,
    ],
    [
      ['restore-as', '--table', 'Orders', '--to', T, '--target', 'Orders-new', '--incident', '../../secret'],
      /^error: --incident "\.\.\/\.\.\/secret" is not a valid incident id/,
    ],
  ])('%j', async (args, first) => {
    const dir = await project();
    const before = await filesUnder(dir);
    const result = await runCliWith(
      env(),
      dir,
      args.map((a) => a.replace('__DIR__', dir)),
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(first);
    expect(`${result.stdout}${result.stderr}`).not.toContain('do not print');
    expect(await filesUnder(dir)).toEqual(before);
  });
});
