import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_NODE_ARGS } from '../../../scripts/sourceRun.js';
import { cliArgv } from './cliArgv.js';

// `dynamo-dr synth` and the example CDK app (examples/cdk-app) built from the same configuration file, each in
// a child process with no way to reach AWS (no credentials, an endpoint nothing listens on): both synthesize
// offline, and the template synth writes is the app's stack.
const EXAMPLE = fileURLToPath(new URL('../../../examples/cdk-app/', import.meta.url));
const CONFIG = path.join(EXAMPLE, 'dynamo-dr.config.json');
const OFFLINE = {
  PATH: process.env.PATH ?? '',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) =>
    execFile(process.execPath, args, { cwd: EXAMPLE, env: { ...OFFLINE, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

type Template = Record<string, Record<string, Record<string, unknown>>>;
const readTemplate = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Template;

let appOut: string;
let synthOut: string;
let app: Run;
let synth: Run;
let human: Run;

beforeAll(async () => {
  appOut = await mkdtemp(path.join(tmpdir(), 'dr-app-'));
  synthOut = path.join(await mkdtemp(path.join(tmpdir(), 'dr-synth-')), 'out');
  const humanOut = path.join(await mkdtemp(path.join(tmpdir(), 'dr-synth-')), 'out');
  [app, synth, human] = await Promise.all([
    run([...SOURCE_NODE_ARGS, path.join(EXAMPLE, 'app.ts')], { CDK_OUTDIR: appOut }),
    run(cliArgv('synth', '--config', CONFIG, '--out', synthOut, '--json')),
    run(cliArgv('synth', '--config', CONFIG, '--out', humanOut)),
  ]);
}, 180_000);

describe('the example CDK app', () => {
  it('synthesizes offline: the recovery stack, the operators, and a service with its own table', async () => {
    expect(app.stderr).toBe('');
    expect(app.code).toBe(0);
    const files = await readdir(appOut);
    for (const stack of ['ProdDisasterRecovery', 'ProdRecoveryOperators', 'OrdersService']) {
      expect(files).toContain(`${stack}.template.json`);
    }
    const operators = await readTemplate(path.join(appOut, 'ProdRecoveryOperators.template.json'));
    expect(JSON.stringify(operators)).toContain('DRRestoreDynamoDbTableProviderTableStateMachine');
  });
});

describe('dynamo-dr synth', () => {
  it("writes the app's stack as a template, differing only in where the worker's code comes from", async () => {
    expect(synth.code).toBe(0);
    const written = JSON.parse(synth.stdout) as { templateFile: string; assetDirectory: string; assetKey: string };
    const template = await readTemplate(written.templateFile);
    const fromApp = await readTemplate(path.join(appOut, 'ProdDisasterRecovery.template.json'));
    // The app's code is in CDK's bootstrap bucket (cdk deploy uploads it); the template's in the bucket its
    // parameters name. Everything else is the same, resource by resource.
    const withoutCode = ({ Parameters: _p, Rules: _r, ...rest }: Template) =>
      JSON.parse(JSON.stringify(rest), (key, value) => (key === 'Code' ? '(the worker code)' : value)) as unknown;
    expect(withoutCode(template)).toEqual(withoutCode(fromApp));
    expect(Object.keys(template.Resources!).length).toBeGreaterThan(20);
    expect(template.Parameters).toMatchObject({
      WorkerCodeS3Bucket: { Type: 'String' },
      WorkerCodeS3Key: { Type: 'String', Default: written.assetKey },
    });
    expect(fromApp.Parameters).toHaveProperty('BootstrapVersion');
    const hash = path.basename(written.assetKey, '.zip');
    expect(written.assetDirectory).toBe(path.join(synthOut, `asset.${hash}`));
    expect(await readdir(written.assetDirectory)).toEqual(['index.mjs', 'monitor.mjs']);
    expect(JSON.stringify(fromApp)).toContain(`${hash}.zip`);
  });

  it('tells where it wrote, the bundle size and how to deploy', () => {
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(/worker asset {2}\S+asset\.[0-9a-f]{64} \(bundle \d+\.\d\d MiB\)/);
    expect(human.stderr).toContain('aws cloudformation deploy --template-file');
  });

  it('refuses a non-empty --out, an unknown environment and a missing configuration, writing nothing', async () => {
    const busy = await mkdtemp(path.join(tmpdir(), 'dr-busy-'));
    await writeFile(path.join(busy, 'keep.txt'), 'mine');
    const fresh = path.join(await mkdtemp(path.join(tmpdir(), 'dr-fresh-')), 'out');
    const [nonEmpty, unknownEnv, noConfig] = await Promise.all([
      run(cliArgv('synth', '--config', CONFIG, '--out', busy)),
      run(cliArgv('synth', '--config', CONFIG, '--environment', 'Staging', '--out', fresh)),
      run(cliArgv('synth', '--config', path.join(busy, 'missing.json'), '--out', fresh)),
    ]);
    expect(nonEmpty).toMatchObject({ code: 2, stderr: expect.stringContaining(`--out "${busy}" is not empty`) });
    expect(unknownEnv).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('environment "Staging" is not an environment of the configuration'),
    });
    expect(noConfig).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot be read') });
    expect(await readdir(busy)).toEqual(['keep.txt']);
    expect(await readdir(path.dirname(fresh))).toEqual([]);
  });
});
