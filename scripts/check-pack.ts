// `npm run check:pack` (CI runs it after the tests): builds, packs the four packages, installs the tarballs into
// an empty directory (third-party dependencies from the npm registry, aws-cdk-lib as @dynamo-dr/cdk's peer) and
// uses them there as a user would: `npx dynamo-dr --help`, `--version`, a sandbox reached by an AWS SDK client and
// stopped, a Lambda bundle of `@dynamo-dr/core/lambda` and one of `@dynamo-dr/core/monitor` that pull in no
// sandbox, no local Step Functions interpreter and no CLI, and `npx dynamo-dr synth`, whose worker bundle loads
// in plain node.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { bundleLambdaEntry, inputsNotForLambda, MONITOR_HANDLER_SOURCE } from './lambdaBundle.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACES = ['packages/sandbox', 'packages/core', 'packages/cdk', 'packages/cli'];
/** What a tarball may hold besides package.json: the build, the bin, README, LICENSE, CHANGELOG. */
const PUBLISHED = /^(dist\/.+\.(js|d\.ts)|bin\/[^/]+\.js|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

/** What `dynamo-dr sandbox` prints for a client to reach it. */
const SANDBOX_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

function step(message: string): void {
  console.log(`check-pack: ${message}`);
}

async function npm(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', ['--no-audit', '--no-fund', ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Packs each workspace into `destination` and checks that its tarball holds only published files. */
async function pack(destination: string): Promise<string[]> {
  await mkdir(destination);
  const packed = JSON.parse(
    await npm(['pack', '--json', '--pack-destination', destination, ...WORKSPACES.flatMap((w) => ['-w', w])], root),
  ) as { name: string; filename: string; files: { path: string }[] }[];
  for (const { name, files } of packed) {
    const stray = files.map((f) => f.path).filter((file) => !PUBLISHED.test(file));
    assert.deepEqual(stray, [], `${name}'s tarball holds files that are not published: ${stray.join(', ')}`);
    for (const required of ['LICENSE', 'README.md', 'CHANGELOG.md', 'dist/index.js']) {
      if (name === 'dynamo-dr' && required === 'dist/index.js') continue;
      assert.ok(
        files.some((f) => f.path === required),
        `${name}'s tarball lacks ${required}`,
      );
    }
    step(`${name}: ${files.length} files`);
  }
  return packed.map((p) => path.join(destination, p.filename));
}

async function npx(app: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('npx', ['dynamo-dr', ...args], { cwd: app });
  return stdout;
}

/** `npx dynamo-dr sandbox --port 0`, reached by a DynamoDB client of the installed SDK, then stopped. */
async function checkSandbox(app: string): Promise<void> {
  // Its own process group, so that stopping it reaches node under npx's shell.
  const child = spawn('npx', ['dynamo-dr', 'sandbox', '--port', '0'], {
    cwd: app,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // It prints `export NAME=VALUE` lines, one per variable that points a client at it.
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const printed = Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)\n/gm)].map((m) => [m[1]!, m[2]!]));
      if (SANDBOX_VARIABLES.every((name) => name in printed)) resolve(printed);
    });
    void exited.then((code) => reject(new Error(`dynamo-dr sandbox exited with code ${code} before listening`)));
  });
  try {
    const script = `import { DynamoDBClient, CreateTableCommand, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
await client.send(new CreateTableCommand({ TableName: 'packed', BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
await client.send(new PutItemCommand({ TableName: 'packed', Item: { pk: { S: 'a' }, n: { N: '1' } } }));
const { Item } = await client.send(new GetItemCommand({ TableName: 'packed', Key: { pk: { S: 'a' } } }));
console.log(JSON.stringify(Item));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app,
      env: { ...process.env, ...env },
    });
    assert.deepEqual(JSON.parse(stdout), { pk: { S: 'a' }, n: { N: '1' } });
    step(`dynamo-dr sandbox served CreateTable, PutItem and GetItem at ${env.AWS_ENDPOINT_URL}`);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
  const stopped = await Promise.race([exited.then(() => true), sleep(10_000, false, { ref: false })]);
  assert.ok(stopped, 'dynamo-dr sandbox did not exit within 10 s of SIGTERM');
  await assert.rejects(fetch(env.AWS_ENDPOINT_URL!), TypeError, 'the sandbox still answers after SIGTERM');
  step('dynamo-dr sandbox stopped on SIGTERM');
}

/**
 * Bundles an installed Lambda entry of `@dynamo-dr/core` (`lambda`: the workflow's handler; `monitor`: the
 * monitor's) for a Lambda function and loads it in plain node.
 */
async function checkLambdaBundle(app: string, entry: 'lambda' | 'monitor'): Promise<void> {
  const outfile = path.join(app, entry, 'handler.mjs');
  const handlerSource = entry === 'monitor' ? MONITOR_HANDLER_SOURCE : undefined;
  const inputs = await bundleLambdaEntry({ resolveDir: app, outfile, handlerSource });
  assert.ok(
    inputs.some((input) => input.endsWith(`node_modules/@dynamo-dr/core/dist/${entry}.js`)),
    `the bundle did not start from the installed dist/${entry}.js`,
  );
  const unwanted = inputsNotForLambda(inputs);
  assert.deepEqual(unwanted, [], `the Lambda bundle pulls in ${unwanted.join(', ')}`);
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', `const m = await import('./handler.mjs'); console.log(typeof m.handler);`],
    { cwd: path.dirname(outfile) },
  );
  assert.equal(stdout.trim(), 'function');
  step(`@dynamo-dr/core/${entry} bundles from ${inputs.length} files, none of sandbox, CLI or interpreter`);
}

/** `npx dynamo-dr synth` with the installed @dynamo-dr/cdk: a template and a worker bundle that loads in plain node. */
async function checkSynth(app: string): Promise<void> {
  const config = { environments: { Prod: { tables: { Orders: { tableName: 'Prod-Orders' } } } } };
  await writeFile(path.join(app, 'dynamo-dr.config.json'), JSON.stringify(config));
  const written = JSON.parse(await npx(app, ['synth', '--out', 'dr-stack', '--json'])) as {
    templateFile: string;
    assetDirectory: string;
    workerBytes: number;
  };
  assert.match(await readFile(written.templateFile, 'utf8'), /DRRestoreDynamoDbTableOrdersStateMachine/);
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', `const m = await import('./index.mjs'); console.log(typeof m.handler);`],
    { cwd: written.assetDirectory },
  );
  assert.equal(stdout.trim(), 'function');
  step(`npx dynamo-dr synth wrote a template and a worker bundle of ${written.workerBytes} bytes that loads`);
}

const work = await mkdtemp(path.join(tmpdir(), 'dynamo-dr-pack-'));
try {
  step('npm run build');
  await npm(['run', 'build'], root);
  const tarballs = await pack(path.join(work, 'tarballs'));
  const app = path.join(work, 'app');
  await mkdir(app);
  await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  step('npm install of the four tarballs into an empty directory');
  await npm(['install', ...tarballs], app);

  assert.match(await npx(app, ['--help']), /^Usage: dynamo-dr /m);
  step('npx dynamo-dr --help');
  const { version } = JSON.parse(await readFile(path.join(root, 'packages/cli/package.json'), 'utf8')) as {
    version: string;
  };
  assert.equal((await npx(app, ['--version'])).trim(), version);
  step(`npx dynamo-dr --version printed ${version}`);
  await checkSandbox(app);
  await checkLambdaBundle(app, 'lambda');
  await checkLambdaBundle(app, 'monitor');
  await checkSynth(app);
  step('ok');
} finally {
  await rm(work, { recursive: true, force: true });
}
